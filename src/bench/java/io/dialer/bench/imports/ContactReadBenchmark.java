package io.dialer.bench.imports;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.dialer.contact.imports.CsvReader;
import io.dialer.contact.phone.PhoneNormalizer;
import io.dialer.contact.phone.PhoneParseResult;

/**
 * Single-thread throughput of the import building blocks on a file from {@link ContactCsvGenerator}: CSV parsing
 * alone (rows/s), then phone normalisation of every non-empty mobile/home/work cell (numbers/s).
 *
 * <p>Usage: {@code ContactReadBenchmark <contacts.csv> [defaultRegion=US] [rounds=3]}; see the README of this folder.
 * Prints wall-clock and CPU-time rates: on a shared machine the CPU-time rate is the one that says what the code costs.
 */
public final class ContactReadBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String region = args.length > 1 ? args[1] : "US";
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;

        List<String> numbers = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            numbers.clear();
            long started = System.nanoTime();
            long cpuStarted = THREADS.getCurrentThreadCpuTime();
            long rows = 0;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16); CsvReader csv = CsvReader.open(in)) {
                List<String> header = csv.header();
                int[] phoneColumns = {header.indexOf("mobile"), header.indexOf("home"), header.indexOf("work")};
                String[] record;
                while ((record = csv.next()) != null) {
                    rows++;
                    if (round == rounds) {
                        for (int column : phoneColumns) {
                            if (column < record.length && !record[column].isEmpty()) {
                                numbers.add(record[column]);
                            }
                        }
                    }
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuStarted) / 1e9;
            System.out.printf("csv   round %d: %,d rows in %.3f s = %,.0f rows/s (CPU %.3f s = %,.0f rows/s)%n", round, rows, seconds,
                    rows / seconds, cpuSeconds, rows / cpuSeconds);
        }

        PhoneNormalizer normalizer = PhoneNormalizer.shared();
        for (int round = 1; round <= rounds; round++) {
            Map<String, Integer> outcomes = new TreeMap<>();
            long started = System.nanoTime();
            long cpuStarted = THREADS.getCurrentThreadCpuTime();
            for (String number : numbers) {
                PhoneParseResult result = normalizer.normalize(number, region);
                String outcome = result instanceof PhoneParseResult.Invalid invalid ? invalid.code() : "VALID";
                outcomes.merge(outcome, 1, Integer::sum);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuStarted) / 1e9;
            System.out.printf("phone round %d: %,d numbers in %.3f s = %,.0f numbers/s (CPU %.3f s = %,.0f numbers/s) %s%n", round,
                    numbers.size(), seconds, numbers.size() / seconds, cpuSeconds, numbers.size() / cpuSeconds, outcomes);
        }
    }
}
