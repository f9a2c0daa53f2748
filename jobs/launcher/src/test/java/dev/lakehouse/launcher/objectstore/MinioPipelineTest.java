package dev.lakehouse.launcher.objectstore;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import org.junit.jupiter.api.Tag;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The object-store pipeline test on MinIO in a container. Skipped, not failed, where no Docker
 * engine runs; GitHub's runners have one.
 */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class MinioPipelineTest extends ObjectStorePipelineBase {
  @Container
  static final MinIOContainer MINIO =
      new MinIOContainer("minio/minio:RELEASE.2023-09-04T19-57-37Z");

  @Override
  protected Store startStore() {
    String bucket = "lakehouse-test";
    // The bucket is made with the AWS SDK the S3A connector itself uses.
    AmazonS3 s3 =
        AmazonS3ClientBuilder.standard()
            .withEndpointConfiguration(
                new AwsClientBuilder.EndpointConfiguration(MINIO.getS3URL(), "us-east-1"))
            .withPathStyleAccessEnabled(true)
            .withCredentials(
                new AWSStaticCredentialsProvider(
                    new BasicAWSCredentials(MINIO.getUserName(), MINIO.getPassword())))
            .build();
    try {
      s3.createBucket(bucket);
    } finally {
      s3.shutdown();
    }
    return new Store(MINIO.getS3URL(), bucket, MINIO.getUserName(), MINIO.getPassword());
  }
}
