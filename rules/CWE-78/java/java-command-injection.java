// Annotated test for java-command-injection (ours, written for the test).
import java.io.IOException;
import java.util.List;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.*;

public class ToolServlet {
    private static final Set<String> FORMATS = Set.of("png", "jpg");

    void pingExec(HttpServletRequest request) throws IOException {
        String host = request.getParameter("host");
        // ruleid: java-command-injection
        Runtime.getRuntime().exec("ping -c 1 " + host);
    }

    void pingBuilder(HttpServletRequest request) throws IOException {
        String host = request.getParameter("host");
        // ok: java-command-injection
        new ProcessBuilder("ping", "-c", "1", host).start();
    }

    void pingArray(HttpServletRequest request) throws IOException {
        String host = request.getParameter("host");
        // ok: java-command-injection
        Runtime.getRuntime().exec(new String[] {"ping", "-c", "1", host});
    }

    void shellBuilder(HttpServletRequest request) throws IOException {
        String script = request.getParameter("script");
        // ruleid: java-command-injection
        new ProcessBuilder("sh", "-c", "echo " + script).start();
    }

    void guardThrows(HttpServletRequest request) throws IOException {
        String fmt = request.getParameter("fmt");
        if (!FORMATS.contains(fmt)) {
            throw new IllegalArgumentException("format");
        }
        // ok: java-command-injection
        Runtime.getRuntime().exec("convert in.tif out." + fmt);
    }

    void guardLogs(HttpServletRequest request) throws IOException {
        String fmt = request.getParameter("fmt");
        if (!FORMATS.contains(fmt)) {
            System.out.println("unexpected format " + fmt);
        }
        // ruleid: java-command-injection
        Runtime.getRuntime().exec("convert in.tif out." + fmt);
    }

    void regexOneBranch(HttpServletRequest request) throws IOException {
        String branch = request.getParameter("branch");
        if (request.getParameter("strict") != null) {
            if (!branch.matches("[a-z0-9-]+")) {
                return;
            }
        }
        // ruleid: java-command-injection
        Runtime.getRuntime().exec("git checkout " + branch);
    }

    void reassigned(HttpServletRequest request) throws IOException {
        String cmd = request.getParameter("cmd");
        cmd = "uptime";
        // ok: java-command-injection
        Runtime.getRuntime().exec(cmd);
    }

    private Process runShell(String line) throws IOException {
        // ruleid: java-command-injection
        return Runtime.getRuntime().exec(new String[] {"/bin/bash", "-c", line});
    }

    void throughHelper(HttpServletRequest request) throws IOException {
        runShell("tar czf out.tgz " + request.getParameter("dir"));
        runShell("uptime");
    }
}

@RestController
class ArchiveController {
    @PostMapping("/archive")
    public String archive(@RequestParam String name) throws IOException {
        ProcessBuilder pb = new ProcessBuilder();
        // ruleid: java-command-injection
        pb.command("bash", "-c", "zip -r out.zip " + name);
        // ok: java-command-injection
        pb.command(List.of("zip", "-r", "out.zip", name));
        return "ok";
    }
}
