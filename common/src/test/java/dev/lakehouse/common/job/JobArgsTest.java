package dev.lakehouse.common.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakehouse.common.error.ExitCode;
import dev.lakehouse.common.error.LakehouseException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class JobArgsTest {
  @Test
  void parsesEveryOption() {
    JobArgs a =
        JobArgs.parse(
            "job",
            "--source",
            "s3a://b/landing",
            "--batch",
            "b-1",
            "--from",
            "2024-01-01",
            "--to",
            "2024-01-31");
    assertThat(a.source()).contains("s3a://b/landing");
    assertThat(a.batch()).contains("b-1");
    assertThat(a.from()).contains(LocalDate.of(2024, 1, 1));
    assertThat(a.to()).contains(LocalDate.of(2024, 1, 31));
    assertThat(a.help()).isFalse();
  }

  @Test
  void emptyArgsAreFine() {
    JobArgs a = JobArgs.parse("job");
    assertThat(a.source()).isEmpty();
    assertThat(a.batch()).isEmpty();
  }

  @Test
  void badUsageIsExitTwo() {
    assertThatThrownBy(() -> JobArgs.parse("job", "--bogus"))
        .isInstanceOfSatisfying(
            LakehouseException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageContaining("--bogus");
    assertThatThrownBy(() -> JobArgs.parse("job", "--from", "2024-01-01"))
        .hasMessageContaining("--from and --to go together");
    assertThatThrownBy(() -> JobArgs.parse("job", "--from", "2024-02-01", "--to", "2024-01-01"))
        .hasMessageContaining("is after");
    assertThatThrownBy(() -> JobArgs.parse("job", "--run-date", "01/02/2024"))
        .hasMessageContaining("yyyy-MM-dd");
    assertThatThrownBy(() -> JobArgs.parse("job", "--batch", "a b"))
        .hasMessageContaining("not a valid batch id");
  }

  @Test
  void helpIsRecognised() {
    assertThat(JobArgs.parse("job", "--help").help()).isTrue();
    assertThat(JobArgs.usage("olist.ingest_bronze")).contains("--source", "--batch");
  }
}
