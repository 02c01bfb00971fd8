package coop.cpc.lakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
