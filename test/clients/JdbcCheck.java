/*
 * JdbcCheck - read views through pgJDBC, as Tableau and Metabase do, and
 * check what arrives.
 *
 *   java -cp postgresql.jar:. JdbcCheck JDBC-URL USER OUTDIR VIEW...
 *
 * For each view of schema estate: every column must arrive as the standard
 * java.sql.Types its catalogue type maps to (numeric(p,s) as NUMERIC with
 * that precision and scale, and so on), and its values are read with the
 * typed getter (BigDecimal, int, long, boolean, Date, String).  Prints one
 * line per check, "ok ..." or "not ok ...", for test/clients/run.sh to
 * number; writes the rows to OUTDIR/VIEW.jdbc in COPY text format.
 */
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

public class JdbcCheck {
    private static int failures = 0;

    private static void check(boolean good, String what) {
        System.out.println((good ? "ok " : "not ok ") + what);
        if (!good)
            failures++;
    }

    private static boolean fits(String pg, int t) {
        switch (pg) {
            case "text": return t == Types.VARCHAR || t == Types.LONGVARCHAR || t == Types.NVARCHAR;
            case "numeric": return t == Types.NUMERIC;
            case "integer": return t == Types.INTEGER;
            case "bigint": return t == Types.BIGINT;
            case "boolean": return t == Types.BIT || t == Types.BOOLEAN;
            case "double precision": return t == Types.DOUBLE;
            case "date": return t == Types.DATE;
            default: return false;
        }
    }

    /* COPY text format, so the rows compare with the server's own output. */
    private static String copyText(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String value(ResultSet rs, int c, int type) throws Exception {
        String v;
        switch (type) {
            case Types.NUMERIC: {
                java.math.BigDecimal d = rs.getBigDecimal(c);
                v = d == null ? null : d.toPlainString();
                break;
            }
            case Types.INTEGER: {
                int i = rs.getInt(c);
                v = rs.wasNull() ? null : Integer.toString(i);
                break;
            }
            case Types.BIGINT: {
                long l = rs.getLong(c);
                v = rs.wasNull() ? null : Long.toString(l);
                break;
            }
            case Types.BIT:
            case Types.BOOLEAN: {
                boolean b = rs.getBoolean(c);
                v = rs.wasNull() ? null : (b ? "t" : "f");
                break;
            }
            case Types.DATE: {
                java.sql.Date d = rs.getDate(c);
                v = d == null ? null : d.toString();
                break;
            }
            default:
                v = rs.getString(c);
        }
        return v == null ? "\\N" : copyText(v);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: JdbcCheck JDBC-URL USER OUTDIR VIEW...");
            System.exit(2);
        }
        try (Connection conn = DriverManager.getConnection(args[0], args[1], "")) {
            for (int v = 3; v < args.length; v++) {
                String view = args[v];
                List<String> names = new ArrayList<>(), types = new ArrayList<>();
                List<Integer> precisions = new ArrayList<>(), scales = new ArrayList<>();
                try (PreparedStatement ps = conn.prepareStatement(
                        "SELECT column_name, data_type, coalesce(numeric_precision, -1), coalesce(numeric_scale, -1) "
                        + "FROM information_schema.columns WHERE table_schema = 'estate' AND table_name = ? "
                        + "ORDER BY ordinal_position")) {
                    ps.setString(1, view);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            names.add(rs.getString(1));
                            types.add(rs.getString(2));
                            precisions.add(rs.getInt(3));
                            scales.add(rs.getInt(4));
                        }
                    }
                }
                StringBuilder sql = new StringBuilder("SELECT * FROM estate." + view + " ORDER BY ");
                for (int i = 1; i <= names.size(); i++)
                    sql.append(i > 1 ? ", " : "").append(i);
                try (Statement st = conn.createStatement();
                     ResultSet rs = st.executeQuery(sql.toString());
                     PrintWriter out = new PrintWriter(Files.newBufferedWriter(
                             Paths.get(args[2], view + ".jdbc"), StandardCharsets.UTF_8))) {
                    ResultSetMetaData md = rs.getMetaData();
                    int n = md.getColumnCount();
                    check(n == names.size() && n > 0, "jdbc: estate." + view + " has its catalogue columns");
                    for (int c = 1; c <= n && c <= names.size(); c++) {
                        String pg = types.get(c - 1);
                        int t = md.getColumnType(c);
                        boolean good = md.getColumnName(c).equals(names.get(c - 1)) && fits(pg, t);
                        String detail = names.get(c - 1) + " (" + pg + ") arrives as " + md.getColumnTypeName(c)
                                + " java.sql.Types " + t + " (" + md.getPrecision(c) + "," + md.getScale(c) + ")";
                        if (pg.equals("numeric")) {
                            good = good && precisions.get(c - 1) > 0 && md.getPrecision(c) == precisions.get(c - 1)
                                   && md.getScale(c) == scales.get(c - 1);
                            detail += ", declared numeric(" + precisions.get(c - 1) + "," + scales.get(c - 1) + ")";
                        }
                        check(good, "jdbc: estate." + view + ": " + detail);
                    }
                    long rows = 0;
                    while (rs.next()) {
                        StringBuilder line = new StringBuilder();
                        for (int c = 1; c <= n; c++) {
                            if (c > 1)
                                line.append('\t');
                            line.append(value(rs, c, md.getColumnType(c)));
                        }
                        out.print(line.append('\n'));
                        rows++;
                    }
                    System.out.println("# jdbc: estate." + view + ": " + rows + " rows");
                }
            }
        }
        System.exit(failures != 0 ? 1 : 0);
    }
}
