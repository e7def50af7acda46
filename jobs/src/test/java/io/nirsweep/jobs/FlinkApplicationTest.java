package io.nirsweep.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.apache.flink.runtime.clusterframework.ApplicationStatus;
import org.junit.jupiter.api.Test;

/** The in-process half of {@link FlinkApplication}; FlinkApplicationModeIT runs a real application cluster. */
class FlinkApplicationTest {
    @Test
    void outsideAnApplicationClusterMainKeepsItsExitCodes() {
        // the launcher, `flink run` and tests call main without Flink's application runner on the stack
        assertFalse(FlinkApplication.isRunningMain());
    }

    @Test
    void aFailureIsAFailedApplicationNamingTheExitCode() {
        var failure = FlinkApplication.failure(Main.USER_ERROR);
        assertEquals(ApplicationStatus.FAILED, failure.getStatus());
        assertEquals("nirsweep failed with exit code 2 (its error line is above)", failure.getMessage());
    }
}
