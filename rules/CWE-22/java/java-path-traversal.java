// Annotated test for java-path-traversal (ours, written for the test).
import java.io.*;
import java.nio.file.*;
import javax.servlet.http.*;
import org.springframework.web.bind.annotation.*;

public class DownloadServlet extends HttpServlet {
    private static final Path ROOT = Paths.get("/srv/files").toAbsolutePath().normalize();

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("file");
        Path p = ROOT.resolve(name);
        // ruleid: java-path-traversal
        byte[] data = Files.readAllBytes(p);
        response.getOutputStream().write(data);
    }

    void normalizedAndChecked(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Path p = ROOT.resolve(request.getParameter("file")).normalize();
        if (!p.startsWith(ROOT)) {
            response.sendError(403);
            return;
        }
        // ok: java-path-traversal
        Files.copy(p, response.getOutputStream());
    }

    void checkOnlyLogs(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Path p = ROOT.resolve(request.getParameter("file")).normalize();
        if (!p.startsWith(ROOT)) {
            System.err.println("outside root: " + p);
        }
        // ruleid: java-path-traversal
        Files.copy(p, response.getOutputStream());
    }

    void fileNameOnly(HttpServletRequest request) throws IOException {
        Path name = Paths.get(request.getParameter("file")).getFileName();
        // ok: java-path-traversal
        Files.delete(ROOT.resolve(name));
    }

    void fileNameOneBranch(HttpServletRequest request) throws IOException {
        String name = request.getParameter("file");
        if (request.getParameter("flat") != null) {
            name = new File(name).getName();
        }
        // ruleid: java-path-traversal
        new FileInputStream("/srv/files/" + name).close();
    }

    void dotDotRejected(HttpServletRequest request) throws IOException {
        String rel = request.getParameter("p");
        if (rel.contains("..")) {
            throw new SecurityException("bad path");
        }
        // ok: java-path-traversal
        new FileReader(new File("/srv/files", rel)).close();
    }

    void reassigned(HttpServletRequest request) throws IOException {
        String page = request.getParameter("page");
        page = "index.html";
        // ok: java-path-traversal
        Files.readString(ROOT.resolve(page));
    }

    void legacyFile(HttpServletRequest request) {
        File f = new File("/srv/uploads", request.getParameter("name"));
        // ruleid: java-path-traversal
        f.delete();
    }

    private void save(String name, byte[] body) throws IOException {
        // ruleid: java-path-traversal
        try (FileOutputStream out = new FileOutputStream("/srv/uploads/" + name)) {
            out.write(body);
        }
    }

    void throughHelper(HttpServletRequest request) throws IOException {
        save(request.getHeader("X-File-Name"), new byte[0]);
        save("fixed.bin", new byte[0]);
    }
}
