package io.conversa.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.text.NumberFormat;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;

/**
 * The report's two charts as inline SVG, drawn with JFreeChart on JFreeSVG's Graphics2D: no
 * image files, so the HTML stays one self-contained file and the PDF draws the same vectors.
 * Labels are stage names and dates only; no value from the input reaches a chart as text.
 */
final class Charts {
  /**
   * Drawn at this width and scaled to the page: on a 390 px phone the labels are still 10 px
   * or more (14 px at 480 shown in about 350).
   */
  static final int WIDTH = 480;
  private static final Color INK = new Color(0x1f, 0x2a, 0x37);
  private static final Color GRID = new Color(0xdd, 0xe1, 0xe6);
  private static final Color[] SERIES = {
    new Color(0x0b, 0x6e, 0x4f), new Color(0x2a, 0x9d, 0x8f), new Color(0xe9, 0xa2, 0x3b), new Color(0x5b, 0x5f, 0x97), new Color(0xc4, 0x4d, 0x58)
  };
  private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);

  private Charts() {}

  static final int FUNNEL_HEIGHT = 220;
  static final int TREND_HEIGHT = 240;

  /** Horizontal bars from sent down to converted, each labelled with its count. */
  static String funnel(FunnelTotals totals, ReportText text, ReportFormats formats) {
    return svg(funnelChart(totals, text, formats), FUNNEL_HEIGHT);
  }

  /** The funnel as a PNG: many mail clients drop inline SVG. */
  static byte[] funnelPng(FunnelTotals totals, ReportText text, ReportFormats formats) {
    return png(funnelChart(totals, text, formats), FUNNEL_HEIGHT);
  }

  private static JFreeChart funnelChart(FunnelTotals totals, ReportText text, ReportFormats formats) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    String series = text.get("funnel.series");
    stage(data, series, text, "funnel.sent", totals.sent());
    stage(data, series, text, "funnel.delivered", totals.delivered());
    stage(data, series, text, "funnel.read", totals.read());
    stage(data, series, text, "funnel.replied", totals.replied());
    stage(data, series, text, "funnel.clicked", totals.clicked());
    stage(data, series, text, "funnel.converted", totals.converted());
    CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(), valueAxis(formats), new BarRenderer());
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    BarRenderer bars = (BarRenderer) plot.getRenderer();
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setSeriesPaint(0, SERIES[0]);
    bars.setMaximumBarWidth(0.12);
    bars.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", NumberFormat.getIntegerInstance(formats.locale())));
    bars.setDefaultItemLabelsVisible(true);
    bars.setDefaultItemLabelFont(LABEL);
    bars.setDefaultItemLabelPaint(INK);
    // Each count just past the end of its bar, never over the next bar.
    bars.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
    bars.setItemLabelAnchorOffset(4);
    // Room to the right of the longest bar for its label.
    plot.getRangeAxis().setUpperMargin(0.22);
    return chart(plot, false);
  }

  /** A withheld stage has no bar, and its name says why: an empty bar would read as zero. */
  private static void stage(DefaultCategoryDataset data, String series, ReportText text, String stage, Long value) {
    data.addValue(value, series, value == null ? text.get("funnel.stage.withheld", text.get(stage)) : text.get(stage));
  }

  /** One line per stage over the seven days of the week. */
  static String trend(List<DayFigures> days, ReportText text, ReportFormats formats) {
    return svg(trendChart(days, text, formats), TREND_HEIGHT);
  }

  static byte[] trendPng(List<DayFigures> days, ReportText text, ReportFormats formats) {
    return png(trendChart(days, text, formats), TREND_HEIGHT);
  }

  private static JFreeChart trendChart(List<DayFigures> days, ReportText text, ReportFormats formats) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (DayFigures d : days) {
      // The day of the month alone: at a size a phone can read, seven "seg. 16" do not fit.
      String day = Integer.toString(d.day().getDayOfMonth());
      data.addValue(d.sent(), text.get("funnel.sent"), day);
      data.addValue(d.delivered(), text.get("funnel.delivered"), day);
      data.addValue(d.read(), text.get("funnel.read"), day);
      data.addValue(d.replied(), text.get("funnel.replied"), day);
      data.addValue(d.converted(), text.get("funnel.converted"), day);
    }
    LineAndShapeRenderer lines = new LineAndShapeRenderer(true, true);
    for (int i = 0; i < SERIES.length; i++) {
      lines.setSeriesPaint(i, SERIES[i]);
      lines.setSeriesStroke(i, new BasicStroke(2f));
    }
    CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(), valueAxis(formats), lines);
    return chart(plot, true);
  }

  private static NumberAxis valueAxis(ReportFormats formats) {
    NumberAxis axis = new NumberAxis();
    axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(formats.locale()));
    axis.setNumberFormatOverride(NumberFormat.getIntegerInstance(formats.locale()));
    axis.setTickLabelFont(LABEL);
    axis.setTickLabelPaint(INK);
    return axis;
  }

  private static JFreeChart chart(CategoryPlot plot, boolean legend) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    plot.setRangeGridlinePaint(GRID);
    plot.getDomainAxis().setTickLabelFont(LABEL);
    plot.getDomainAxis().setTickLabelPaint(INK);
    JFreeChart chart = new JFreeChart(null, LABEL, plot, legend);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    if (legend) {
      LegendTitle title = chart.getLegend();
      title.setItemFont(LABEL);
      title.setPosition(RectangleEdge.BOTTOM);
      title.setFrame(org.jfree.chart.block.BlockBorder.NONE);
    }
    return chart;
  }

  private static byte[] png(JFreeChart chart, int height) {
    try {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      org.jfree.chart.ChartUtils.writeChartAsPNG(out, chart, WIDTH, height);
      return out.toByteArray();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String svg(JFreeChart chart, int height) {
    SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, height);
    chart.draw(g2, new Rectangle(0, 0, WIDTH, height));
    // JFreeSVG writes width='640.0'; openhtmltopdf takes only whole numbers there. The viewBox
    // lets a browser scale the chart down to a phone's width.
    return g2.getSVGElement().replaceFirst("width='(\\d+)\\.0' height='(\\d+)\\.0'", "width='$1' height='$2' viewBox='0 0 $1 $2'");
  }
}
