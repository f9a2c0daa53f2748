package dev.lakehouse.launcher.demo;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * Every test class of this package, run together in one JVM so the demo lakehouse they read ({@link
 * DemoLakehouse}) is built once. Surefire runs this suite, not the classes one by one.
 */
@Suite
@ConfigurationParameter(
    key = "junit.jupiter.testclass.order.default",
    value = "org.junit.jupiter.api.ClassOrderer$OrderAnnotation")
@SelectPackages("dev.lakehouse.launcher.demo")
@IncludeClassNamePatterns(".*Test")
public class DemoOutputSuite {}
