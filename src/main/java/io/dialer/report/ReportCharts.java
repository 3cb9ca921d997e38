package io.dialer.report;

import io.dialer.engine.result.ResultCode;
import io.dialer.report.CampaignReport.Bucket;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.SimpleTimePeriod;
import org.jfree.data.time.TimePeriodValues;
import org.jfree.data.time.TimePeriodValuesCollection;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.text.SimpleDateFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;

/** Draws a report as a chart (JFreeChart), as PNG or SVG. */
final class ReportCharts {

    /** The charts a report can be drawn as. */
    enum Kind {
        /** Cumulative attempts, live answers and completed contacts over time. */
        PROGRESS,
        /** The mix of result categories per bucket. */
        RESULTS,
        /** Abandon rate per bucket and cumulative, against the cap. */
        ABANDON,
        /** Agent utilization per bucket. */
        UTILIZATION;

        static Kind parse(String value) {
            if (value == null) {
                return PROGRESS;
            }
            for (Kind k : values()) {
                if (k.name().equalsIgnoreCase(value)) {
                    return k;
                }
            }
            return null;
        }
    }

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ReportCharts() {
    }

    static JFreeChart chart(CampaignReport report, Kind kind) {
        JFreeChart chart = switch (kind) {
            case PROGRESS -> progress(report);
            case RESULTS -> results(report);
            case ABANDON -> abandon(report);
            case UTILIZATION -> utilization(report);
        };
        style(chart, report);
        return chart;
    }

    static void writePng(JFreeChart chart, int width, int height, OutputStream out) throws IOException {
        ChartUtils.writeChartAsPNG(out, chart, width, height);
    }

    static void writeSvg(JFreeChart chart, int width, int height, OutputStream out) throws IOException {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        out.write(g.getSVGDocument().getBytes(StandardCharsets.UTF_8));
    }

    private static JFreeChart progress(CampaignReport report) {
        TimeSeries attempts = new TimeSeries("Attempts");
        TimeSeries live = new TimeSeries("Live answers");
        TimeSeries completed = new TimeSeries("Contacts completed");
        double a = 0;
        double l = 0;
        double c = 0;
        if (!report.series().isEmpty()) {
            FixedMillisecond start = new FixedMillisecond(Date.from(report.from()));
            attempts.add(start, 0);
            live.add(start, 0);
            completed.add(start, 0);
        }
        List<Bucket> series = report.series();
        for (int i = 0; i < series.size(); i++) {
            Bucket b = series.get(i);
            a += b.figures().attempts();
            l += b.figures().liveAnswers();
            c += b.figures().contactsCompleted();
            FixedMillisecond end = new FixedMillisecond(Date.from(end(report, i)));
            attempts.addOrUpdate(end, a);
            live.addOrUpdate(end, l);
            completed.addOrUpdate(end, c);
        }
        TimeSeriesCollection data = new TimeSeriesCollection();
        data.addSeries(attempts);
        data.addSeries(live);
        data.addSeries(completed);
        return ChartFactory.createTimeSeriesChart(title(report, "progress"), "Time (" + report.timezone() + ")",
                "Cumulative count", data, true, false, false);
    }

    private static JFreeChart results(CampaignReport report) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        DateTimeFormatter label = DateTimeFormatter.ofPattern("day".equals(report.bucket()) ? "MM-dd" : "MM-dd HH:mm")
                .withZone(ZoneId.of(report.timezone()));
        // Only the categories the campaign produced: an agentless survey has no PREVIEW, a clean list no NUMBER_PROBLEM.
        Set<ResultCode.Category> present = EnumSet.noneOf(ResultCode.Category.class);
        report.series().forEach(b -> b.figures().attemptsByResult().forEach((code, n) -> {
            if (n > 0) {
                present.add(ResultCode.valueOf(code).category());
            }
        }));
        for (Bucket b : report.series()) {
            Map<ResultCode.Category, Long> byCategory = new EnumMap<>(ResultCode.Category.class);
            b.figures().attemptsByResult().forEach((code, n) ->
                    byCategory.merge(ResultCode.valueOf(code).category(), n, Long::sum));
            String column = label.format(b.start());
            for (ResultCode.Category category : present) {
                data.addValue(byCategory.getOrDefault(category, 0L), category.name(), column);
            }
        }
        JFreeChart chart = ChartFactory.createStackedBarChart(title(report, "result mix"), "Bucket start (" + report.timezone()
                + ")", "Attempts", data);
        CategoryAxis axis = chart.getCategoryPlot().getDomainAxis();
        axis.setCategoryLabelPositions(CategoryLabelPositions.UP_90);
        return chart;
    }

    private static JFreeChart abandon(CampaignReport report) {
        TimePeriodValues perBucket = new TimePeriodValues("Abandon rate in the bucket");
        TimeSeries cumulative = new TimeSeries("Abandon rate so far");
        double live = 0;
        double abandoned = 0;
        List<Bucket> series = report.series();
        for (int i = 0; i < series.size(); i++) {
            Bucket b = series.get(i);
            live += b.figures().liveAnswers();
            abandoned += b.figures().abandoned();
            perBucket.add(period(report, i), b.figures().abandonRate());
            if (live > 0) {
                cumulative.addOrUpdate(new FixedMillisecond(Date.from(end(report, i))), abandoned / live);
            }
        }
        JFreeChart chart = ChartFactory.createXYBarChart(title(report, "abandon rate against the cap"),
                "Time (" + report.timezone() + ")", true, "Abandoned / live answers", new TimePeriodValuesCollection(perBucket));
        XYPlot plot = chart.getXYPlot();
        plot.setDataset(1, new TimeSeriesCollection(cumulative));
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, true);
        line.setSeriesPaint(0, new Color(0x1f4e9c));
        line.setSeriesStroke(0, new BasicStroke(2.5f));
        plot.setRenderer(1, line);
        double top = Math.max(report.maxAbandonRate() * 2, 0.01);
        for (Bucket b : series) {
            top = Math.max(top, Math.min(1.0, b.figures().abandonRate() * 1.1));
        }
        percentAxis(plot, top);
        ValueMarker cap = new ValueMarker(report.maxAbandonRate(), Color.RED, new BasicStroke(2f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f));
        cap.setLabel("cap " + percent().format(report.maxAbandonRate()));
        cap.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        cap.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        plot.addRangeMarker(cap);
        return chart;
    }

    private static JFreeChart utilization(CampaignReport report) {
        TimePeriodValues utilization = new TimePeriodValues("Agent utilization: (talk + wrap) / logged-in time");
        List<Bucket> series = report.series();
        for (int i = 0; i < series.size(); i++) {
            Double u = series.get(i).figures().agentUtilization();
            if (u != null) {
                utilization.add(period(report, i), u);
            }
        }
        JFreeChart chart = ChartFactory.createXYBarChart(title(report, "agent utilization"),
                "Time (" + report.timezone() + ")", true, "Utilization", new TimePeriodValuesCollection(utilization));
        percentAxis(chart.getXYPlot(), 1.0);
        return chart;
    }

    private static void percentAxis(XYPlot plot, double upper) {
        NumberAxis range = (NumberAxis) plot.getRangeAxis();
        range.setNumberFormatOverride(percent());
        range.setRange(0, upper);
    }

    private static NumberFormat percent() {
        NumberFormat format = NumberFormat.getPercentInstance(Locale.ROOT);
        format.setMaximumFractionDigits(1);
        return format;
    }

    /** Where bucket {@code i} ends: the next bucket's start, or the end of the report's range. */
    private static Instant end(CampaignReport report, int i) {
        return i + 1 < report.series().size() ? report.series().get(i + 1).start() : report.to();
    }

    private static SimpleTimePeriod period(CampaignReport report, int i) {
        return new SimpleTimePeriod(Date.from(report.series().get(i).start()), Date.from(end(report, i).minusMillis(1)));
    }

    /** White background, light grid, readable dates, solid bars. */
    private static void style(JFreeChart chart, CampaignReport report) {
        chart.setBackgroundPaint(Color.WHITE);
        if (chart.getPlot() instanceof XYPlot plot) {
            plot.setBackgroundPaint(Color.WHITE);
            plot.setDomainGridlinePaint(new Color(0xdddddd));
            plot.setRangeGridlinePaint(new Color(0xdddddd));
            if (plot.getDomainAxis() instanceof DateAxis axis) {
                TimeZone zone = TimeZone.getTimeZone(ZoneId.of(report.timezone()));
                axis.setTimeZone(zone);
                SimpleDateFormat format = new SimpleDateFormat("day".equals(report.bucket()) ? "MMM d" : "MMM d HH:mm",
                        Locale.ROOT);
                format.setTimeZone(zone);
                axis.setDateFormatOverride(format);
            }
            if (plot.getRenderer() instanceof XYBarRenderer bars) {
                bars.setBarPainter(new StandardXYBarPainter());
                bars.setShadowVisible(false);
                bars.setSeriesPaint(0, new Color(0x7fb3e6));
                bars.setMargin(0.1);
            } else if (plot.getRenderer() instanceof XYLineAndShapeRenderer lines) {
                lines.setDefaultShapesVisible(true);
                for (int i = 0; i < plot.getDataset().getSeriesCount(); i++) {
                    lines.setSeriesStroke(i, new BasicStroke(2.5f));
                }
            }
        } else if (chart.getPlot() instanceof CategoryPlot plot) {
            plot.setBackgroundPaint(Color.WHITE);
            plot.setRangeGridlinePaint(new Color(0xdddddd));
            if (plot.getRenderer() instanceof BarRenderer bars) {
                bars.setBarPainter(new StandardBarPainter());
                bars.setShadowVisible(false);
            }
        }
    }

    private static String title(CampaignReport report, String what) {
        return report.campaignName() + ": " + what;
    }
}
