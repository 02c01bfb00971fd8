package coop.cpc.lakehouse.adapter.health;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** Ages as Safe Harbor allows them: whole years, everything over 89 one category {@code 90+}. */
public final class AgeBand {
    public static final String NINETY_PLUS = "90+";
    public static final int OLDEST_EXACT = 89;

    private AgeBand() {}

    /** Whole years from birth to the given day (the birthday counts on the day itself). */
    public static int age(LocalDate birth, LocalDate on) {
        if (birth.isAfter(on)) {
            throw new IllegalArgumentException("birth date " + birth + " is after " + on);
        }
        return (int) ChronoUnit.YEARS.between(birth, on);
    }

    /** The Safe Harbor form of an age: {@code "37"}, or {@code "90+"} over 89. */
    public static String of(int age) {
        if (age < 0) {
            throw new IllegalArgumentException("age must not be negative, not " + age);
        }
        return age > OLDEST_EXACT ? NINETY_PLUS : Integer.toString(age);
    }
}
