// Annotated test for java-sql-injection (ours, written for the test).
import java.sql.*;
import java.util.Set;
import javax.servlet.http.*;
import org.springframework.web.bind.annotation.*;

public class UserServlet extends HttpServlet {
    private Connection conn;
    private static final Set<String> COLUMNS = Set.of("name", "created");

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String id = request.getParameter("id");
        Statement st = conn.createStatement();
        // ruleid: java-sql-injection
        ResultSet rs = st.executeQuery("SELECT * FROM users WHERE id = " + id);
    }

    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String id = request.getParameter("id");
        // ok: java-sql-injection
        PreparedStatement ps = conn.prepareStatement("SELECT * FROM users WHERE id = ?");
        ps.setString(1, id);
        ResultSet rs = ps.executeQuery();
    }

    void concatIntoPrepare(HttpServletRequest request) throws SQLException {
        String name = request.getParameter("name");
        // ruleid: java-sql-injection
        PreparedStatement ps = conn.prepareStatement("SELECT * FROM users WHERE name = '" + name + "'");
        ps.executeQuery();
    }

    void parsedNumber(HttpServletRequest request) throws SQLException {
        int page = Integer.parseInt(request.getParameter("page"));
        // ok: java-sql-injection
        conn.createStatement().executeQuery("SELECT * FROM items LIMIT 20 OFFSET " + (page * 20));
    }

    void sortGuardThrows(HttpServletRequest request) throws SQLException {
        String col = request.getParameter("sort");
        if (!COLUMNS.contains(col)) {
            throw new IllegalArgumentException("bad column");
        }
        // ok: java-sql-injection
        conn.createStatement().executeQuery("SELECT * FROM items ORDER BY " + col);
    }

    void sortGuardLogs(HttpServletRequest request) throws SQLException {
        String col = request.getParameter("sort");
        if (!COLUMNS.contains(col)) {
            System.err.println("unknown column " + col);
        }
        // ruleid: java-sql-injection
        conn.createStatement().executeQuery("SELECT * FROM items ORDER BY " + col);
    }

    void checkInVariable(HttpServletRequest request) throws SQLException {
        String col = request.getParameter("sort");
        boolean known = COLUMNS.contains(col);
        if (!known) {
            return;
        }
        // ok: java-sql-injection
        conn.createStatement().executeQuery("SELECT * FROM items ORDER BY " + col);
    }

    void builder(HttpServletRequest request) throws SQLException {
        StringBuilder sb = new StringBuilder("SELECT * FROM t WHERE a = '");
        sb.append(request.getHeader("X-Tenant")).append("'");
        // ruleid: java-sql-injection
        conn.createStatement().execute(sb.toString());
    }

    void formatted(HttpServletRequest request) throws SQLException {
        String q = String.format("DELETE FROM carts WHERE owner = '%s'", request.getParameter("owner"));
        // ruleid: java-sql-injection
        conn.createStatement().executeUpdate(q);
    }

    void reassigned(HttpServletRequest request) throws SQLException {
        String table = request.getParameter("table");
        table = "stats_daily";
        // ok: java-sql-injection
        conn.createStatement().executeQuery("SELECT COUNT(*) FROM " + table);
    }

    void parseOneBranch(HttpServletRequest request) throws SQLException {
        String n = request.getParameter("n");
        if (n.length() < 10) {
            n = String.valueOf(Integer.parseInt(n));
        }
        // ruleid: java-sql-injection
        conn.createStatement().executeQuery("SELECT * FROM t WHERE n = " + n);
    }

    private ResultSet run(String sql) throws SQLException {
        // ruleid: java-sql-injection
        return conn.createStatement().executeQuery(sql);
    }

    void throughHelper(HttpServletRequest request) throws SQLException {
        run("SELECT * FROM t WHERE code = '" + request.getParameter("code") + "'");
        run("SELECT 1");
    }
}

@RestController
class ItemController {
    private Connection conn;

    @GetMapping("/items")
    public String items(@RequestParam("q") String q, @RequestParam("limit") int limit) throws SQLException {
        // ruleid: java-sql-injection
        conn.createStatement().executeQuery("SELECT * FROM items WHERE title = '" + q + "'");
        // ok: java-sql-injection
        conn.createStatement().executeQuery("SELECT * FROM items LIMIT " + limit);
        return "ok";
    }
}
