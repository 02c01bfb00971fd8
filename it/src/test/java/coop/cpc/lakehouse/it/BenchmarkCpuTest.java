package coop.cpc.lakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkCpuTest {
    @Test
    void readsTheFieldsAfterACommandNameThatHoldsSpacesAndParentheses() {
        // A thread named "pool (1) x" in state S, parent 7, then minflt..., utime 250, stime 40 (fields 11 and 12).
        String line = "4242 (pool (1) x) S 7 4242 4242 0 -1 4194368 900 0 0 0 250 40 3 1 20 0 30 0 1000";

        String[] fields = BenchmarkCpu.fieldsAfterCommand(line);

        assertThat(fields[0]).isEqualTo("S");
        assertThat(fields[1]).isEqualTo("7");
        assertThat(fields[11]).isEqualTo("250");
        assertThat(fields[12]).isEqualTo("40");
        assertThat(fields[13]).isEqualTo("3");
    }

    @Test
    void refusesALineWithoutACommandName() {
        assertThatThrownBy(() -> BenchmarkCpu.fieldsAfterCommand("4242 S 7"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a /proc stat line (no command name in parentheses): 4242 S 7");
    }

    @Test
    void groupsThreadsWhoseNamesDifferOnlyInTheirNumbers() {
        assertThat(BenchmarkCpu.threadGroup("default task-12\n")).isEqualTo("default task-N");
        assertThat(BenchmarkCpu.threadGroup("default task-3")).isEqualTo("default task-N");
        assertThat(BenchmarkCpu.threadGroup("C2 CompilerThre")).isEqualTo("CN CompilerThre");
        assertThat(BenchmarkCpu.threadGroup("debezium-postgr")).isEqualTo("debezium-postgr");
    }

    @Test
    void readsRunAndRunQueueTimesFromASchedstatLine() {
        // schedstat: ns on the CPU, ns runnable waiting for a core, time slices.
        BenchmarkCpu.TaskTimes times =
                BenchmarkCpu.TaskTimes.parse("debezium-postgr", 500, "2500000000 700000000 812\n");

        assertThat(times.runNanos()).isEqualTo(2_500_000_000L);
        assertThat(times.queuedNanos()).isEqualTo(700_000_000L);
    }

    @Test
    void refusesASchedstatLineWithoutItsTimes() {
        assertThatThrownBy(() -> BenchmarkCpu.TaskTimes.parse("x", 0, "42"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a /proc schedstat line: 42");
    }

    @Test
    void splitsAThreadsPhaseIntoRunRunQueueAndBlocked() {
        // Phase from 100 s to 110 s since boot; one thread lived through it, one started at 104 s (ticks of 1/100 s).
        Map<Long, BenchmarkCpu.TaskTimes> before =
                Map.of(1L, new BenchmarkCpu.TaskTimes("consumer", 50, 1_000_000_000L, 500_000_000L));
        Map<Long, BenchmarkCpu.TaskTimes> after = Map.of(
                1L, new BenchmarkCpu.TaskTimes("consumer", 50, 3_000_000_000L, 1_500_000_000L),
                2L, new BenchmarkCpu.TaskTimes("reader", 10_400, 4_000_000_000L, 1_000_000_000L));

        List<String> lines = BenchmarkCpu.threadWaits("lakehouse", "wildfly", 100.0, 110.0, before, after);

        assertThat(lines)
                .containsExactly(
                        "WAIT cdc.lakehouse wildfly thread 'reader' run=4.00s runqueue=1.00s blocked=1.00s alive=6.00s",
                        "WAIT cdc.lakehouse wildfly thread 'consumer' run=2.00s runqueue=1.00s blocked=7.00s"
                                + " alive=10.00s");
    }
}
