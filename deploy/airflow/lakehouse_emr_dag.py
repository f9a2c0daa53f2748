"""Lakehouse pipelines as EMR steps: the variant of lakehouse_dag.py for a running EMR cluster.

Each job is two tasks: ``<job>_submit`` adds one EMR step (EmrAddStepsOperator) and
``<job>_watch`` waits for it (EmrStepSensor). The cluster is the one deploy/emr/README.md
creates: bootstrapped with deploy/emr/bootstrap.sh (which installs ``lakehouse-submit``:
spark-submit with the secrets from AWS Secrets Manager) and configured with
deploy/emr/configurations.json (Delta, the OpenLineage listener, LAKEHOUSE_ROOT, ...). The
steps are the ones of deploy/emr/steps-olist.json and steps-kamis.json, plus the lineage
parent run.

Failures: a step that fails (any exit code: a hard quality gate, exit 3, included) fails its
``_watch`` task at once, without retries, and the rest of that chain does not run. Polling again
cannot change a finished step, so the sensor's retries are kept for errors while polling (API
throttling, network); ``_submit`` retries with backoff when AddJobFlowSteps fails. To run a
failed job again after fixing the cause, clear its ``_submit`` task with "downstream".
EMR reports a step's state, not its exit code; the job's exit code is in the step's stdout
and in ``<root>/_ops/job_runs``.

Lineage: the step's spark-submit gets the ``_submit`` task run as its OpenLineage parent and the
DAG run as root (apache-airflow-providers-openlineage 2.4 or later for the root macros).

Airflow Variables (no secrets): ``lakehouse_emr_cluster_id`` (j-...), ``lakehouse_artifacts``
(s3://bucket/artifacts, where jars/ was uploaded), ``lakehouse_root`` (s3a://bucket/prefix).
AWS access through the Airflow connection ``aws_default``.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow import DAG
from airflow.exceptions import AirflowFailException
from airflow.providers.amazon.aws.operators.emr import EmrAddStepsOperator
from airflow.providers.amazon.aws.sensors.emr import EmrStepSensor

CLUSTER_ID = "{{ var.value.lakehouse_emr_cluster_id }}"
JARS = "{{ var.value.lakehouse_artifacts }}/jars"
ROOT = "{{ var.value.lakehouse_root }}"
OLIST_JAR = JARS + "/lakehouse-jobs-olist-0.1.0-SNAPSHOT-spark.jar"
KAMIS_JAR = JARS + "/lakehouse-jobs-kamis-0.1.0-SNAPSHOT-spark.jar"

# Rendered in the _submit task, so "task_instance" is the task that starts the Spark job.
_OL = "macros.OpenLineageProviderPlugin"
LINEAGE_PARENT_CONF = {
    "spark.openlineage.parentJobNamespace": "{{ %s.lineage_job_namespace() }}" % _OL,
    "spark.openlineage.parentJobName": "{{ %s.lineage_job_name(task_instance) }}" % _OL,
    "spark.openlineage.parentRunId": "{{ %s.lineage_run_id(task_instance) }}" % _OL,
    "spark.openlineage.rootParentJobNamespace": "{{ %s.lineage_job_namespace() }}" % _OL,
    "spark.openlineage.rootParentJobName": "{{ %s.lineage_root_job_name(task_instance) }}" % _OL,
    "spark.openlineage.rootParentRunId": "{{ %s.lineage_root_run_id(task_instance) }}" % _OL,
}


def emr_step(name: str, java_class: str, jar: str, args: list[str]) -> dict:
    """One EMR step running a lakehouse job through lakehouse-submit (see bootstrap.sh)."""
    conf = []
    for key, value in LINEAGE_PARENT_CONF.items():
        conf += ["--conf", f"{key}={value}"]
    return {
        "Name": name,
        # CONTINUE, not CANCEL_AND_WAIT: Airflow decides what runs next, and a failure in one
        # chain must not cancel the other chain's pending steps on the shared cluster.
        "ActionOnFailure": "CONTINUE",
        "HadoopJarStep": {
            "Jar": "command-runner.jar",
            "Args": [
                "/usr/local/bin/lakehouse-submit",
                "--deploy-mode",
                "client",
                "--driver-memory",
                "4g",
                *conf,
                "--class",
                java_class,
                jar,
                *args,
            ],
        },
    }


class LakehouseStepSensor(EmrStepSensor):
    """EmrStepSensor whose failed step fails the task without retries (see the docstring)."""

    def poke(self, context):
        response = self.get_emr_response(context=context)
        state = self.state_from_response(response)
        if state in self.failed_states:
            raise AirflowFailException(
                f"EMR step {self.step_id} ended {state}: "
                f"{self.failure_message_from_response(response)}. Not retried; fix the cause, "
                "then clear the job's _submit task with downstream."
            )
        return state in self.target_states


def job(task_id: str, java_class: str, jar: str, args: list[str]):
    submit = EmrAddStepsOperator(
        task_id=f"{task_id}_submit",
        job_flow_id=CLUSTER_ID,
        steps=[emr_step(task_id, java_class, jar, args)],
        aws_conn_id="aws_default",
    )
    watch = LakehouseStepSensor(
        task_id=f"{task_id}_watch",
        job_flow_id=CLUSTER_ID,
        step_id="{{ task_instance.xcom_pull(task_ids='%s_submit')[0] }}" % task_id,
        aws_conn_id="aws_default",
        mode="reschedule",  # frees the worker slot between polls; jobs run for minutes
        poke_interval=60,
        timeout=6 * 3600,
        deferrable=False,
    )
    submit >> watch
    return submit, watch


with DAG(
    dag_id="lakehouse_emr",
    description="Olist and KAMIS on EMR steps: bronze -> silver -> gold with quality gates",
    schedule="0 6 * * *",
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args={
        "owner": "data-engineering",
        "retries": 3,
        "retry_delay": timedelta(minutes=1),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(minutes=15),
    },
    tags=["lakehouse", "emr"],
) as dag:
    olist_bronze = job(
        "olist_ingest_bronze",
        "dev.lakehouse.jobs.olist.bronze.IngestOlistToBronze",
        OLIST_JAR,
        ["--source", ROOT + "/landing/olist"],
    )
    olist_silver = job(
        "olist_promote_silver",
        "dev.lakehouse.jobs.olist.silver.PromoteOlistToSilver",
        OLIST_JAR,
        [],
    )
    olist_gold = job(
        "olist_build_gold",
        "dev.lakehouse.jobs.olist.gold.BuildOlistGold",
        OLIST_JAR,
        [],
    )
    olist_bronze[1] >> olist_silver[0]
    olist_silver[1] >> olist_gold[0]

    kamis_bronze = job(
        "kamis_ingest_bronze",
        "dev.lakehouse.jobs.kamis.bronze.IngestKamisToBronze",
        KAMIS_JAR,
        ["--from", "{{ ds }}", "--to", "{{ ds }}"],
    )
    kamis_silver = job(
        "kamis_promote_silver",
        "dev.lakehouse.jobs.kamis.silver.PromoteKamisToSilver",
        KAMIS_JAR,
        ["--batch", "kamis-{{ ds }}_{{ ds }}"],
    )
    kamis_gold = job(
        "kamis_build_gold",
        "dev.lakehouse.jobs.kamis.gold.BuildKamisGold",
        KAMIS_JAR,
        ["--run-date", "{{ ds }}"],
    )
    kamis_bronze[1] >> kamis_silver[0]
    kamis_silver[1] >> kamis_gold[0]
