"""Behaviour of the Airflow DAGs in deploy/airflow, without Airflow.

Airflow cannot be installed here (no PyPI), so this loads the DAG files against small stand-ins
for the few Airflow classes they use and checks what the DAGs themselves decide: which tasks
exist and in what order, which exit codes fail without retry, how secrets reach spark-submit,
and what the EMR steps and the step sensor do. The stand-ins only record what they are given;
everything asserted is the DAG files' own logic. Run by DeployFilesTest:
    python3 test_dags.py <repository root>
"""

import importlib.util
import os
import sys
import types
import unittest

REPO = sys.argv.pop(1) if len(sys.argv) > 1 else os.getcwd()
DAGS = os.path.join(REPO, "deploy", "airflow")


# --- stand-ins for the Airflow API the DAGs use ---------------------------------------------


class AirflowFailException(Exception):
    pass


class FakeDag:
    current = None

    def __init__(self, dag_id, **kwargs):
        self.dag_id = dag_id
        self.kwargs = kwargs
        self.tasks = {}

    def __enter__(self):
        FakeDag.current = self
        return self

    def __exit__(self, *exc):
        FakeDag.current = None


class FakeOperator:
    def __init__(self, task_id, **kwargs):
        self.task_id = task_id
        self.downstream = set()
        for key, value in kwargs.items():
            setattr(self, key, value)
        FakeDag.current.tasks[task_id] = self

    def __rshift__(self, other):
        self.downstream.add(other.task_id)
        return other


class FakeProcess:
    def __init__(self, returncode):
        self.returncode = returncode


class FakeHook:
    def __init__(self, returncode):
        self._submit_sp = FakeProcess(returncode)


class FakeSparkSubmitOperator(FakeOperator):
    """Runs "spark-submit": records the environment it would inherit, exits with next_exit."""

    next_exit = 0
    seen_environment = None

    def execute(self, context):
        FakeSparkSubmitOperator.seen_environment = dict(os.environ)
        self._hook = FakeHook(FakeSparkSubmitOperator.next_exit)
        if FakeSparkSubmitOperator.next_exit:
            raise Exception(
                "Cannot execute: spark-submit ... Error code is: %d." % FakeSparkSubmitOperator.next_exit
            )
        return None


class Connection:
    def __init__(self, login=None, password=None):
        self.login = login
        self.password = password


class FakeBaseHook:
    connections = {}

    @classmethod
    def get_connection(cls, conn_id):
        if conn_id not in cls.connections:
            raise KeyError("The conn_id `%s` isn't defined" % conn_id)
        return cls.connections[conn_id]


class FakeEmrStepSensor(FakeOperator):
    response_state = "RUNNING"

    def __init__(self, **kwargs):
        kwargs.setdefault("target_states", ["COMPLETED"])
        kwargs.setdefault("failed_states", ["CANCELLED", "FAILED", "INTERRUPTED"])
        super().__init__(**kwargs)

    def get_emr_response(self, context):
        return {"Step": {"Status": {"State": FakeEmrStepSensor.response_state}}}

    @staticmethod
    def state_from_response(response):
        return response["Step"]["Status"]["State"]

    @staticmethod
    def failure_message_from_response(response):
        return "Step failed (reason: Unknown Error.)"


def module(name, **attrs):
    m = types.ModuleType(name)
    m.__dict__.update(attrs)
    sys.modules[name] = m
    return m


def install_stand_ins():
    module("pendulum", datetime=lambda *a, **k: ("datetime", a, k))
    module("airflow", DAG=FakeDag)
    module("airflow.exceptions", AirflowFailException=AirflowFailException)
    module("airflow.sdk", BaseHook=FakeBaseHook)
    for name in ["airflow.providers", "airflow.providers.apache", "airflow.providers.apache.spark",
                 "airflow.providers.apache.spark.operators", "airflow.providers.amazon",
                 "airflow.providers.amazon.aws", "airflow.providers.amazon.aws.operators",
                 "airflow.providers.amazon.aws.sensors"]:
        module(name)
    module("airflow.providers.apache.spark.operators.spark_submit",
           SparkSubmitOperator=FakeSparkSubmitOperator)
    module("airflow.providers.amazon.aws.operators.emr", EmrAddStepsOperator=FakeOperator)
    module("airflow.providers.amazon.aws.sensors.emr", EmrStepSensor=FakeEmrStepSensor)


def load(file_name):
    spec = importlib.util.spec_from_file_location(file_name[:-3], os.path.join(DAGS, file_name))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


install_stand_ins()
SUBMIT = load("lakehouse_dag.py")
EMR = load("lakehouse_emr_dag.py")
CHAINS = {
    "olist": ["olist_ingest_bronze", "olist_promote_silver", "olist_build_gold"],
    "kamis": ["kamis_ingest_bronze", "kamis_promote_silver", "kamis_build_gold"],
}


class SparkSubmitDagTest(unittest.TestCase):
    def setUp(self):
        self.dag = SUBMIT.dag
        FakeSparkSubmitOperator.next_exit = 0
        FakeBaseHook.connections = {
            "lakehouse_kamis": Connection(login="kamis-id", password="kamis-key"),
            "lakehouse_alert": Connection(password="https://hooks.example/alert"),
        }
        for name in ("KAMIS_CERT_KEY", "KAMIS_CERT_ID", "ALERT_WEBHOOK_URL"):
            os.environ.pop(name, None)

    def test_one_task_per_job_in_two_independent_chains(self):
        self.assertEqual(sorted(self.dag.tasks), sorted(CHAINS["olist"] + CHAINS["kamis"]))
        for chain in CHAINS.values():
            for upstream, downstream in zip(chain, chain[1:] + [None]):
                expected = {downstream} if downstream else set()
                self.assertEqual(self.dag.tasks[upstream].downstream, expected, upstream)

    def test_retries_with_exponential_backoff(self):
        args = self.dag.kwargs["default_args"]
        self.assertGreater(args["retries"], 0)
        self.assertTrue(args["retry_exponential_backoff"])

    def test_client_mode_and_lineage_parent_conf(self):
        for task in self.dag.tasks.values():
            self.assertEqual(task.deploy_mode, "client")
            self.assertIn("lineage_run_id(task_instance)", task.conf["spark.openlineage.parentRunId"])
            self.assertIn("lineage_job_name(task_instance)", task.conf["spark.openlineage.parentJobName"])
            self.assertIn("lineage_job_namespace()", task.conf["spark.openlineage.parentJobNamespace"])
            self.assertIn("lineage_root_run_id(task_instance)", task.conf["spark.openlineage.rootParentRunId"])
            self.assertTrue(task.application.endswith("-spark.jar"), task.application)
            # No secret is templated: rendered fields are stored and shown.
            self.assertNotIn("conn.", repr(task.env_vars) + repr(task.conf) + repr(task.application_args))

    def test_quality_gate_failure_does_not_retry(self):
        FakeSparkSubmitOperator.next_exit = 3
        with self.assertRaises(AirflowFailException) as caught:
            self.dag.tasks["olist_promote_silver"].execute({})
        self.assertIn("exited 3", str(caught.exception))
        self.assertIn("quality gate", str(caught.exception))

    def test_usage_and_refused_source_do_not_retry(self):
        for code in (2, 4):
            FakeSparkSubmitOperator.next_exit = code
            with self.assertRaises(AirflowFailException):
                self.dag.tasks["kamis_ingest_bronze"].execute({})

    def test_other_failures_are_left_to_retries(self):
        FakeSparkSubmitOperator.next_exit = 1
        with self.assertRaises(Exception) as caught:
            self.dag.tasks["olist_build_gold"].execute({})
        self.assertNotIsInstance(caught.exception, AirflowFailException)
        self.assertIn("Error code is: 1", str(caught.exception))

    def test_exit_code_from_the_message_when_the_process_is_unknown(self):
        op = self.dag.tasks["olist_build_gold"]
        op._hook = None
        self.assertEqual(SUBMIT.spark_submit_exit_code(op, Exception("x. Error code is: 3.")), 3)
        self.assertIsNone(SUBMIT.spark_submit_exit_code(op, Exception("connection refused")))

    def test_secrets_reach_spark_submit_only_through_its_environment(self):
        self.dag.tasks["kamis_ingest_bronze"].execute({})
        seen = FakeSparkSubmitOperator.seen_environment
        self.assertEqual(seen["KAMIS_CERT_KEY"], "kamis-key")
        self.assertEqual(seen["KAMIS_CERT_ID"], "kamis-id")
        self.assertEqual(seen["ALERT_WEBHOOK_URL"], "https://hooks.example/alert")
        self.assertNotIn("KAMIS_CERT_KEY", os.environ, "restored after the task")
        self.dag.tasks["olist_ingest_bronze"].execute({})
        self.assertNotIn("KAMIS_CERT_KEY", FakeSparkSubmitOperator.seen_environment)

    def test_alert_connection_is_optional_kamis_is_not(self):
        del FakeBaseHook.connections["lakehouse_alert"]
        self.dag.tasks["olist_ingest_bronze"].execute({})
        self.assertNotIn("ALERT_WEBHOOK_URL", FakeSparkSubmitOperator.seen_environment)
        del FakeBaseHook.connections["lakehouse_kamis"]
        with self.assertRaises(KeyError):
            self.dag.tasks["kamis_ingest_bronze"].execute({})


class EmrDagTest(unittest.TestCase):
    def setUp(self):
        self.dag = EMR.dag

    def test_submit_then_watch_per_job_in_chains(self):
        for chain in CHAINS.values():
            for i, job in enumerate(chain):
                submit, watch = self.dag.tasks[job + "_submit"], self.dag.tasks[job + "_watch"]
                self.assertEqual(submit.downstream, {job + "_watch"})
                expected = {chain[i + 1] + "_submit"} if i + 1 < len(chain) else set()
                self.assertEqual(watch.downstream, expected, job)
                self.assertIn(job + "_submit", watch.step_id)

    def test_steps_run_lakehouse_submit_in_client_mode_with_the_lineage_parent(self):
        submit = self.dag.tasks["olist_promote_silver_submit"]
        (step,) = submit.steps
        self.assertEqual(step["ActionOnFailure"], "CONTINUE")
        args = step["HadoopJarStep"]["Args"]
        self.assertEqual(args[0], "/usr/local/bin/lakehouse-submit")
        self.assertEqual(args[args.index("--deploy-mode") + 1], "client")
        cls = args.index("--class")
        self.assertEqual(args[cls + 1], "dev.lakehouse.jobs.olist.silver.PromoteOlistToSilver")
        self.assertTrue(args[cls + 2].endswith("lakehouse-jobs-olist-0.1.0-SNAPSHOT-spark.jar"))
        confs = [args[i + 1] for i, a in enumerate(args[:cls]) if a == "--conf"]
        self.assertTrue(any(c.startswith("spark.openlineage.parentRunId=") for c in confs), confs)
        self.assertTrue(any(c.startswith("spark.openlineage.rootParentRunId=") for c in confs), confs)

    def test_a_failed_step_fails_the_watch_without_retry(self):
        watch = self.dag.tasks["kamis_promote_silver_watch"]
        FakeEmrStepSensor.response_state = "RUNNING"
        self.assertFalse(watch.poke({}))
        FakeEmrStepSensor.response_state = "COMPLETED"
        self.assertTrue(watch.poke({}))
        for state in ("FAILED", "CANCELLED"):
            FakeEmrStepSensor.response_state = state
            with self.assertRaises(AirflowFailException):
                watch.poke({})


if __name__ == "__main__":
    unittest.main(verbosity=2)
