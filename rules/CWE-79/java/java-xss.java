// Annotated test for java-xss (ours, written for the test).
import java.io.IOException;
import java.io.PrintWriter;
import javax.servlet.http.*;
import org.owasp.encoder.Encode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.util.HtmlUtils;

public class GreetServlet extends HttpServlet {
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("name");
        // ruleid: java-xss
        response.getWriter().println("<h1>Hello " + name + "</h1>");
    }

    void encoded(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = Encode.forHtml(request.getParameter("name"));
        // ok: java-xss
        response.getWriter().println("<h1>Hello " + name + "</h1>");
    }

    void printWriter(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PrintWriter out = response.getWriter();
        String q = request.getParameter("q");
        // ruleid: java-xss
        out.print("<input value=\"" + q + "\">");
    }

    void guardReturns(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String color = request.getParameter("color");
        if (!color.matches("[a-z]+")) {
            response.sendError(400);
            return;
        }
        // ok: java-xss
        response.getWriter().write("<span style='color:" + color + "'>x</span>");
    }

    void guardLogs(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String color = request.getParameter("color");
        if (!color.matches("[a-z]+")) {
            System.err.println("odd color");
        }
        // ruleid: java-xss
        response.getWriter().write("<span style='color:" + color + "'>x</span>");
    }

    void encodeOneBranch(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String msg = request.getParameter("msg");
        if (msg.length() > 80) {
            msg = HtmlUtils.htmlEscape(msg.substring(0, 80));
        }
        // ruleid: java-xss
        response.getWriter().append("<p>").append(msg);
    }

    void reassigned(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String title = request.getParameter("title");
        title = "Home";
        // ok: java-xss
        response.getWriter().print("<title>" + title + "</title>");
    }

    // The project's own encoders, recognised by name (tomcat's examples use util.HTMLFilter).
    void ownEncoder(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PrintWriter out = response.getWriter();
        String first = request.getParameter("first");
        // ok: java-xss
        out.println(" = " + HTMLFilter.filter(first) + "<br>");
        // ok: java-xss
        out.println("<td>" + escapeHtml(request.getHeader("Accept")) + "</td>");
        // ok: java-xss
        out.println("<p>" + Strings.htmlEncode(request.getParameter("q")) + "</p>");
        // A filter whose name says nothing about HTML is not an encoder.
        // ruleid: java-xss
        out.println("<p>" + TextFilter.filter(request.getParameter("q")) + "</p>");
        // ruleid: java-xss
        out.println("<p>" + Strings.trimToLength(request.getParameter("q")) + "</p>");
        // ruleid: java-xss
        out.println("<p>" + HTMLFilter.wrap(request.getParameter("q")) + "</p>");
    }

    // A response declared plain text or JSON before the write is not rendered as HTML.
    void plainText(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain; charset=" + "UTF-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        PrintWriter writer = response.getWriter();
        String cmd = request.getPathInfo();
        if (cmd == null) {
            // ok: java-xss
            writer.println("Unknown command " + request.getServletPath());
            return;
        }
        for (String h : java.util.Collections.list(request.getHeaderNames())) {
            // ok: java-xss
            writer.println(h + ": " + request.getHeader(h));
        }
    }

    void json(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        // ok: java-xss
        response.getWriter().append("{\"q\":\"").append(request.getParameter("q")).append("\"}");
    }

    void htmlType(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html");
        // ruleid: java-xss
        response.getWriter().println("<p>" + request.getParameter("q"));
    }

    void plainOnOneBranch(HttpServletRequest request, HttpServletResponse response, boolean raw) throws IOException {
        if (raw) {
            response.setContentType("text/plain");
        }
        // ruleid: java-xss
        response.getWriter().println("<p>" + request.getParameter("q"));
    }

    void plainAfterTheWrite(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PrintWriter out = response.getWriter();
        // ruleid: java-xss
        out.println("<p>" + request.getParameter("q"));
        response.setContentType("text/plain");
    }

    private String escapeHtml(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<': b.append("&lt;"); break;
                case '>': b.append("&gt;"); break;
                case '&': b.append("&amp;"); break;
                case '"': b.append("&quot;"); break;
                default: b.append(c);
            }
        }
        return b.toString();
    }

    private String row(String cell) {
        return "<td>" + cell + "</td>";
    }

    void throughHelper(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String html = row(request.getHeader("Referer"));
        // ruleid: java-xss
        response.getWriter().println(html);
        // ok: java-xss
        response.getWriter().println(row("static"));
    }
}

@RestController
class SearchController {
    @GetMapping("/search")
    public ResponseEntity<String> search(@RequestParam String q) {
        // ruleid: java-xss
        return ResponseEntity.ok("<p>Results for " + q + "</p>");
    }

    @GetMapping("/search2")
    public ResponseEntity<String> searchSafe(@RequestParam String q) {
        // ok: java-xss
        return ResponseEntity.ok("<p>Results for " + HtmlUtils.htmlEscape(q) + "</p>");
    }
}
