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
