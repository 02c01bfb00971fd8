package coop.cpc.lakehouse.application.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PartialFakeTest {

    /** Answers {@link Function#apply} only; {@code andThen} and {@code compose} are not answered. */
    private static final class Doubling {
        Object apply(Object value) {
            return (Integer) value * 2;
        }
    }

    @Test
    void aCallRunsTheAnswerOfTheSameNameAndParameters() {
        @SuppressWarnings("unchecked")
        Function<Integer, Integer> doubling = PartialFake.of(Function.class, new Doubling());

        assertThat(doubling.apply(21)).isEqualTo(42);
    }

    @Test
    void aCallTheAnswersDoNotDeclareFailsNamingTheMethod() {
        @SuppressWarnings("unchecked")
        Function<Integer, Integer> doubling = PartialFake.of(Function.class, new Doubling());

        assertThatThrownBy(() -> doubling.andThen(x -> x))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("andThen");
    }

    @Test
    void whatAnAnswerThrowsReachesTheCallerUnwrapped() {
        Callable<?> failing = PartialFake.of(Callable.class, new Object() {
            Object call() throws Exception {
                throw new IOException("disk gone");
            }
        });

        assertThatThrownBy(failing::call).isInstanceOf(IOException.class).hasMessage("disk gone");
    }

    @Test
    void aFakeAnswersEqualsHashCodeAndToStringAsAnObject() {
        Runnable one = PartialFake.of(Runnable.class, new Object());
        Runnable other = PartialFake.of(Runnable.class, new Object());

        assertThat(one).isEqualTo(one).isNotEqualTo(other).hasToString("PartialFake(Runnable)");
        assertThat(Set.of(one, other)).hasSize(2);
        assertThat(one.hashCode()).isEqualTo(System.identityHashCode(one));
    }
}
