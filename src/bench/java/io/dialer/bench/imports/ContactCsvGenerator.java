package io.dialer.bench.imports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a contact CSV for the import benchmark; the same seed always gives the same file.
 *
 * <p>Usage: {@code ContactCsvGenerator <output.csv> <rows> <seed>}. Plain Java, no dependencies; run it with
 * {@code java src/bench/java/io/dialer/bench/imports/ContactCsvGenerator.java contacts.csv 1000000 42}.
 *
 * <p>Mix, per phone column: about 88 % US numbers in eight common formats, 10 % UK/DE/FR numbers (mostly
 * international with + or 00, 1 in 20 of them in national format, which only parses with that country as default
 * region), 1 % garbage. With default region US about 1.5 % of the numbers are rejected. {@code home} is empty in 40 %
 * of rows, {@code work} in 65 %, {@code timezone} in 95 %. About 1 % of last names contain commas or quotes and so are
 * quoted; 1 in 8 US numbers is quoted too.
 */
public final class ContactCsvGenerator {

    static final String HEADER = "externalId,firstName,lastName,timezone,mobile,home,work,segment,balance";

    private static final String[] FIRST_NAMES = {
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William",
        "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Carlos", "Karen", "Daniel", "Lisa",
        "Matthew", "Nancy", "Anthony", "Betty", "Mark", "Sandra", "José", "Zoë", "Søren", "Aylin", "Wei", "Priya",
        "Olumide", "Chloé", "Jürgen", "Siobhán", "Mateo", "Fatima"};
    private static final String[] LAST_NAMES = {
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee",
        "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Müller", "O'Brien",
        "Nguyen", "Schmidt", "Dubois", "Kowalski", "Yılmaz", "Novák", "Fernández", "Okafor"};
    private static final String[] QUOTED_NAMES = {
        "\"Smith, Jr.\"", "\"Brown, III\"", "\"Lee, MD\"", "\"Garcia, Sr.\"", "\"Robert \"\"Bob\"\" Miller\"",
        "\"Anne-Marie, PhD\""};
    private static final String[] US_AREA_CODES = {
        "201", "202", "205", "206", "208", "212", "213", "214", "215", "216", "225", "303", "305", "310", "312", "313",
        "314", "317", "319", "402", "404", "405", "407", "412", "415", "469", "480", "503", "504", "512", "602", "609",
        "615", "617", "619", "650", "702", "713", "718", "720", "773", "801", "808", "813", "816", "907", "917", "919"};
    /** Allocated mobile ranges only, so that the invalid numbers in the file are the deliberate ones. */
    private static final String[] UK_MOBILE_SECOND_DIGITS = {"4", "5", "7", "8", "9"};
    private static final String[] DE_MOBILE_PREFIXES = {"151", "152", "157", "159", "160", "162", "172", "176", "177", "178", "179"};
    private static final String[] FR_MOBILE_SECOND_DIGITS = {"0", "1", "2", "4", "5", "6", "7", "8"};
    private static final String[] TIME_ZONES = {
        "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "Europe/London", "Europe/Berlin"};
    private static final String[] SEGMENTS = {"gold", "silver", "bronze", "new", "churn-risk"};
    private static final String[] GARBAGE = {
        "n/a", "N/A", "123", "555-12", "call me", "+1 (312) 555", "#REF!", "+999 123 4567", "0000000000", "unknown",
        "12345678901234567890", "-", "tbd"};

    private final SplittableRandom random;
    private final StringBuilder line = new StringBuilder(256);

    ContactCsvGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: ContactCsvGenerator <output.csv> <rows> <seed>");
            System.exit(2);
        }
        Path output = Path.of(args[0]);
        long rows = Long.parseLong(args[1]);
        long seed = Long.parseLong(args[2]);
        long started = System.nanoTime();
        try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8), 1 << 20)) {
            new ContactCsvGenerator(seed).write(out, rows);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("wrote %,d rows (%,d bytes) to %s in %.2f s%n", rows, Files.size(output), output, seconds);
    }

    void write(Writer out, long rows) throws IOException {
        out.write(HEADER);
        out.write('\n');
        for (long row = 1; row <= rows; row++) {
            out.append(row(row));
        }
    }

    private CharSequence row(long row) {
        StringBuilder b = line;
        b.setLength(0);
        b.append("CRM-").append(1_000_000_000L + row).append(',');
        b.append(pick(FIRST_NAMES)).append(',');
        b.append(chance(0.01) ? pick(QUOTED_NAMES) : pick(LAST_NAMES)).append(',');
        if (chance(0.05)) {
            b.append(pick(TIME_ZONES));
        }
        b.append(',');
        phone(b);
        b.append(',');
        if (!chance(0.40)) {
            phone(b);
        }
        b.append(',');
        if (!chance(0.65)) {
            phone(b);
        }
        b.append(',');
        b.append(pick(SEGMENTS)).append(',');
        b.append(random.nextInt(100_000)).append('.').append(random.nextInt(10)).append(random.nextInt(10));
        b.append('\n');
        return b;
    }

    private void phone(StringBuilder b) {
        double roll = random.nextDouble();
        if (roll < 0.01) {
            b.append(pick(GARBAGE));
        } else if (roll < 0.89) {
            usNumber(b);
        } else if (roll < 0.9233) {
            ukNumber(b);
        } else if (roll < 0.9567) {
            deNumber(b);
        } else {
            frNumber(b);
        }
    }

    private void usNumber(StringBuilder b) {
        String area = pick(US_AREA_CODES);
        String exchange = String.valueOf(200 + random.nextInt(800));
        String subscriber = digits(4);
        switch (random.nextInt(8)) {
            case 0 -> b.append("+1 (").append(area).append(") ").append(exchange).append('-').append(subscriber);
            case 1 -> b.append('(').append(area).append(") ").append(exchange).append('-').append(subscriber);
            case 2 -> b.append(area).append('-').append(exchange).append('-').append(subscriber);
            case 3 -> b.append(area).append('.').append(exchange).append('.').append(subscriber);
            case 4 -> b.append(area).append(exchange).append(subscriber);
            case 5 -> b.append("+1").append(area).append(exchange).append(subscriber);
            case 6 -> b.append("1-").append(area).append('-').append(exchange).append('-').append(subscriber);
            default -> b.append("\"(").append(area).append(") ").append(exchange).append(' ').append(subscriber).append('"');
        }
    }

    private void ukNumber(StringBuilder b) {
        boolean mobile = random.nextBoolean();
        String national = mobile ? "7" + pick(UK_MOBILE_SECOND_DIGITS) + digits(2) + " " + digits(6) : "20 " + (3 + random.nextInt(2) * 4) + digits(3) + " " + digits(4);
        if (chance(0.05)) {
            b.append('0').append(national);
        } else {
            b.append(random.nextBoolean() ? "+44 " : "0044 ").append(national);
        }
    }

    private void deNumber(StringBuilder b) {
        boolean mobile = random.nextBoolean();
        String national = mobile ? pick(DE_MOBILE_PREFIXES) + " " + digits(8) : "30 " + (1 + random.nextInt(9)) + digits(6);
        if (chance(0.05)) {
            b.append('0').append(national);
        } else {
            b.append(random.nextBoolean() ? "+49 " : "0049 ").append(national);
        }
    }

    private void frNumber(StringBuilder b) {
        String first = random.nextBoolean() ? "6 " + pick(FR_MOBILE_SECOND_DIGITS) + digits(1) : "1 " + digits(2);
        String national = first + " " + digits(2) + " " + digits(2) + " " + digits(2);
        if (chance(0.05)) {
            b.append('0').append(national);
        } else {
            b.append("+33 ").append(national);
        }
    }

    private String digits(int count) {
        char[] d = new char[count];
        for (int i = 0; i < count; i++) {
            d[i] = (char) ('0' + random.nextInt(10));
        }
        return new String(d);
    }

    private boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}
