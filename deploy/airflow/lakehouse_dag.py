"""Lakehouse pipelines through spark-submit: Olist and KAMIS, bronze -> silver -> gold.

One SparkSubmitOperator task per job, in dependency order; the two sources are independent
chains. Each task runs spark-submit on this Airflow worker, which must be a Spark 3.5 gateway
to the cluster (e.g. the Spark client and Hadoop configuration of an EMR cluster, with the
Airflow connection ``spark_lakehouse`` pointing at ``yarn``).

Why ``deploy_mode="client"``: the job's exit code is the process's exit code only when the
driver runs inside spark-submit. In YARN cluster mode spark-submit reports every failed
application as exit 1, and the difference between "retry this" and "the data is bad" is lost.

Exit codes (the jobs' contract): 0 success, 1 anything else (retried with backoff), 2 bad usage
or configuration, 3 a hard quality gate failed, 4 the source refused the request. 2, 3 and 4
cannot be fixed by running again, so they fail the task at once, without retries, and the
downstream tasks of that chain do not run (trigger rule all_success).

Lineage: each Spark job gets the Airflow task run as its OpenLineage parent (and the DAG run as
root) through ``--conf spark.openlineage.parent*`` / ``rootParent*`` rendered by the OpenLineage
provider's macros (apache-airflow-providers-openlineage 2.4 or later for the root macros; with
an older provider remove the three ``rootParent`` entries). The jobs keep a parent handed in
this way, so Marquez shows Airflow task -> lakehouse job -> Spark writes.

Airflow Variables (no secrets): ``lakehouse_root`` (s3a://bucket/prefix), ``lakehouse_jar_dir``
(where the *-spark.jar files are: s3a:// or a local folder), ``lakehouse_lineage_url``
(Marquez), optionally ``lakehouse_env`` (default ``emr``). Secrets come from Airflow
Connections (encrypted in the metadata database, or kept in a secrets backend such as AWS
Secrets Manager): ``lakehouse_kamis`` (login = KAMIS cert id, password = cert key) and,
optionally, ``lakehouse_alert`` (password = the alert webhook URL). They are read when the task
runs and put only into the spark-submit process's environment: not into templates (rendered
fields are stored), not into ``env_vars`` (on YARN the hook turns those into ``--conf`` command
line arguments), never into files.
"""

from __future__ import annotations

import os
import re
from datetime import timedelta

import pendulum
from airflow import DAG
from airflow.exceptions import AirflowFailException
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

try:  # Airflow 3
    from airflow.sdk import BaseHook
except ImportError:  # Airflow 2
    from airflow.hooks.base import BaseHook

# Exit codes that another attempt cannot fix (see the module docstring).
NO_RETRY_EXIT_CODES = {
    2: "bad usage or configuration",
    3: "a hard quality gate failed (see _ops/dq_results and the alert)",
    4: "the source refused the request (credentials or parameters)",
}

JAR_DIR = "{{ var.value.lakehouse_jar_dir }}"
ROOT = "{{ var.value.lakehouse_root }}"
OLIST_JAR = JAR_DIR + "/lakehouse-jobs-olist-0.1.0-SNAPSHOT-spark.jar"
KAMIS_JAR = JAR_DIR + "/lakehouse-jobs-kamis-0.1.0-SNAPSHOT-spark.jar"

_OL = "macros.OpenLineageProviderPlugin"
LINEAGE_PARENT_CONF = {
    "spark.openlineage.parentJobNamespace": "{{ %s.lineage_job_namespace() }}" % _OL,
    "spark.openlineage.parentJobName": "{{ %s.lineage_job_name(task_instance) }}" % _OL,
    "spark.openlineage.parentRunId": "{{ %s.lineage_run_id(task_instance) }}" % _OL,
    "spark.openlineage.rootParentJobNamespace": "{{ %s.lineage_job_namespace() }}" % _OL,
    "spark.openlineage.rootParentJobName": "{{ %s.lineage_root_job_name(task_instance) }}" % _OL,
    "spark.openlineage.rootParentRunId": "{{ %s.lineage_root_run_id(task_instance) }}" % _OL,
}

# The jobs read their settings from the environment (conf/emr.conf inside the jar does the rest).
JOB_ENV = {
    "LAKEHOUSE_ENV": "{{ var.value.get('lakehouse_env', 'emr') }}",
    "LAKEHOUSE_ROOT": ROOT,
    "LINEAGE_TRANSPORT": "http",
    "LINEAGE_URL": "{{ var.value.lakehouse_lineage_url }}",
}

# Secret environment variables: name -> (connection id, field, required).
ALERT_SECRETS = {"ALERT_WEBHOOK_URL": ("lakehouse_alert", "password", False)}
KAMIS_SECRETS = {
    **ALERT_SECRETS,
    "KAMIS_CERT_ID": ("lakehouse_kamis", "login", True),
    "KAMIS_CERT_KEY": ("lakehouse_kamis", "password", True),
}


def spark_submit_exit_code(operator: SparkSubmitOperator, error: BaseException) -> int | None:
    """The exit code of the spark-submit process behind a failed task, if one is known.

    SparkSubmitHook keeps the process in ``_submit_sp`` and names the code in its error message
    ("... Error code is: 3."); the message is the fallback if the attribute ever moves.
    """
    process = getattr(getattr(operator, "_hook", None), "_submit_sp", None)
    code = getattr(process, "returncode", None)
    if isinstance(code, int):
        return code
    found = re.search(r"Error code is: (\d+)", str(error))
    return int(found.group(1)) if found else None


def secret_environment(secrets: dict) -> dict:
    """Reads secret environment variables from Airflow Connections (see the module docstring)."""
    values = {}
    for name, (conn_id, field, required) in secrets.items():
        try:
            value = getattr(BaseHook.get_connection(conn_id), field)
        except Exception:
            if required:
                raise
            continue
        if value:
            values[name] = value
    return values


class LakehouseJobOperator(SparkSubmitOperator):
    """SparkSubmitOperator for a lakehouse job.

    - exit codes no retry can fix (``NO_RETRY_EXIT_CODES``) fail the task without retrying;
    - ``secrets`` (environment variable -> connection field) reach the spark-submit process
      through its inherited environment only: the task runs in its own process, and the hook
      starts spark-submit with a copy of ``os.environ``.
    """

    def __init__(self, *, secrets: dict | None = None, **kwargs):
        super().__init__(**kwargs)
        self.secrets = secrets or {}

    def execute(self, context):
        saved = {}
        for name, value in secret_environment(self.secrets).items():
            saved[name] = os.environ.get(name)
            os.environ[name] = value
        try:
            return super().execute(context)
        except Exception as error:
            code = spark_submit_exit_code(self, error)
            if code in NO_RETRY_EXIT_CODES:
                raise AirflowFailException(
                    f"{self.task_id} exited {code}: {NO_RETRY_EXIT_CODES[code]}. Not retried; "
                    "fix the cause, then clear this task."
                ) from error
            raise
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def job(task_id: str, java_class: str, jar: str, args: list[str], secrets: dict) -> LakehouseJobOperator:
    return LakehouseJobOperator(
        task_id=task_id,
        conn_id="spark_lakehouse",
        deploy_mode="client",
        application=jar,
        java_class=java_class,
        name=task_id,
        application_args=args,
        conf=dict(LINEAGE_PARENT_CONF),
        env_vars=JOB_ENV,
        secrets=secrets,
        driver_memory="4g",
    )


with DAG(
    dag_id="lakehouse",
    description="Olist and KAMIS: bronze -> silver -> gold with quality gates",
    schedule="0 6 * * *",  # KAMIS publishes the previous day's prices overnight (KST)
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,  # runs write the same Delta tables: one at a time
    default_args={
        "owner": "data-engineering",
        "retries": 3,
        "retry_delay": timedelta(minutes=2),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(minutes=30),
    },
    tags=["lakehouse", "spark"],
) as dag:
    # Olist: a new export is dropped into <root>/landing/olist; ingestion fingerprints the files,
    # so a run with nothing new adds nothing, and silver promotes all of bronze with MERGE.
    olist_bronze = job(
        "olist_ingest_bronze",
        "dev.lakehouse.jobs.olist.bronze.IngestOlistToBronze",
        OLIST_JAR,
        ["--source", ROOT + "/landing/olist"],
        ALERT_SECRETS,
    )
    olist_silver = job(
        "olist_promote_silver",
        "dev.lakehouse.jobs.olist.silver.PromoteOlistToSilver",
        OLIST_JAR,
        [],
        ALERT_SECRETS,
    )
    olist_gold = job(
        "olist_build_gold",
        "dev.lakehouse.jobs.olist.gold.BuildOlistGold",
        OLIST_JAR,
        [],
        ALERT_SECRETS,
    )
    olist_bronze >> olist_silver >> olist_gold

    # KAMIS: the day of the run's logical date; its batch id is the ingest job's default.
    kamis_bronze = job(
        "kamis_ingest_bronze",
        "dev.lakehouse.jobs.kamis.bronze.IngestKamisToBronze",
        KAMIS_JAR,
        ["--from", "{{ ds }}", "--to", "{{ ds }}"],
        KAMIS_SECRETS,
    )
    kamis_silver = job(
        "kamis_promote_silver",
        "dev.lakehouse.jobs.kamis.silver.PromoteKamisToSilver",
        KAMIS_JAR,
        ["--batch", "kamis-{{ ds }}_{{ ds }}"],
        ALERT_SECRETS,
    )
    kamis_gold = job(
        "kamis_build_gold",
        "dev.lakehouse.jobs.kamis.gold.BuildKamisGold",
        KAMIS_JAR,
        ["--run-date", "{{ ds }}"],
        ALERT_SECRETS,
    )
    kamis_bronze >> kamis_silver >> kamis_gold
