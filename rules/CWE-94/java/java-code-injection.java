// Annotated test for java-code-injection (ours, written for the test).
import java.util.Map;
import javax.script.*;
import javax.servlet.http.HttpServletRequest;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.web.bind.annotation.*;

public class CalcServlet {
    private final ScriptEngine engine = new ScriptEngineManager().getEngineByName("js");
    private final ExpressionParser parser = new SpelExpressionParser();
    private static final Map<String, String> FORMULAS = Map.of("double", "x * 2", "square", "x * x");

    Object evalScript(HttpServletRequest request) throws ScriptException {
        String expr = request.getParameter("expr");
        // ruleid: java-code-injection
        return engine.eval(expr);
    }

    Object evalWithBindings(HttpServletRequest request) throws ScriptException {
        Bindings b = engine.createBindings();
        b.put("x", request.getParameter("x"));
        // ok: java-code-injection
        return engine.eval("x * 2", b);
    }

    Object numeric(HttpServletRequest request) throws ScriptException {
        int n = Integer.parseInt(request.getParameter("n"));
        // ok: java-code-injection
        return engine.eval("Math.sqrt(" + n + ")");
    }

    Object spel(HttpServletRequest request) {
        String field = request.getParameter("field");
        // ruleid: java-code-injection
        return parser.parseExpression("user." + field).getValue();
    }

    Object guardReturns(HttpServletRequest request) throws ScriptException {
        String name = request.getParameter("formula");
        if (!FORMULAS.containsKey(name)) {
            return null;
        }
        // ok: java-code-injection
        return engine.eval(name + "()");
    }

    Object guardLogs(HttpServletRequest request) throws ScriptException {
        String name = request.getParameter("formula");
        if (!FORMULAS.containsKey(name)) {
            System.err.println("unknown formula " + name);
        }
        // ruleid: java-code-injection
        return engine.eval(name + "()");
    }

    Object checkOneBranch(HttpServletRequest request) {
        String field = request.getParameter("field");
        if (request.getParameter("strict") != null && !field.matches("[a-zA-Z]+")) {
            throw new IllegalArgumentException();
        }
        // ruleid: java-code-injection
        return parser.parseExpression(field).getValue();
    }

    Object reassigned(HttpServletRequest request) throws ScriptException {
        String code = request.getParameter("code");
        code = "1 + 1";
        // ok: java-code-injection
        return engine.eval(code);
    }

    private Object run(String script) throws ScriptException {
        // ruleid: java-code-injection
        return engine.eval(script);
    }

    Object throughHelper(HttpServletRequest request) throws ScriptException {
        run(request.getHeader("X-Script"));
        return run("40 + 2");
    }
}

@RestController
class RuleController {
    private final ExpressionParser parser = new SpelExpressionParser();

    @GetMapping("/rule/{expr}")
    public Object rule(@PathVariable String expr) {
        // ruleid: java-code-injection
        return parser.parseExpression(expr).getValue();
    }
}
