/**
 * The QA of a newly built image, everything but the VM: the suite read from YAML ({@link
 * dev.goldsmith.builders.qa.QaSuiteReader}), the POSIX sh script that runs it inside the guest ({@link
 * dev.goldsmith.builders.qa.QaScript}), the results read back from the serial console ({@link
 * dev.goldsmith.builders.qa.QaOutcome}), the checks the host makes without a VM ({@link
 * dev.goldsmith.builders.qa.HostChecks}) and the JUnit XML report ({@link dev.goldsmith.builders.qa.JunitXml}).
 */
package dev.goldsmith.builders.qa;
