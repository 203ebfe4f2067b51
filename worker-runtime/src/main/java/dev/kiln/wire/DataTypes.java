package dev.kiln.wire;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;

/**
 * The value types, beyond the boxed primitives and {@code String}, that cross the wire as
 * themselves (see {@link ValueCodec}); Kryo encodes them ({@link KryoValues}). A class of its
 * own so that naming them (which loads them) waits for the first value that is not a scalar.
 */
final class DataTypes {
    static final Class<?>[] ALL = {
        BigInteger.class,
        BigDecimal.class,
        UUID.class,
        Duration.class,
        Instant.class,
        LocalDate.class,
        LocalTime.class,
        LocalDateTime.class,
        ZoneOffset.class,
        OffsetTime.class,
        OffsetDateTime.class,
        ZonedDateTime.class,
        Year.class,
        YearMonth.class,
        MonthDay.class,
        Period.class,
    };

    private DataTypes() {}
}
