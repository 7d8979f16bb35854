<?php
// Annotated test for php-code-injection (ours, written for the test).

function calculator() {
    $expr = $_GET['expr'];
    // ruleid: php-code-injection
    return eval('return ' . $expr . ';');
}

function calculatorNumeric() {
    $a = intval($_GET['a']);
    // ok: php-code-injection
    return eval("return $a * 2;");
}

function dynamicCallback() {
    $fn = $_POST['action'];
    // ruleid: php-code-injection
    return call_user_func($fn, $_POST['arg']);
}

function allowListedCallback() {
    $fn = $_POST['action'];
    if (!in_array($fn, ['strtoupper', 'strtolower'], true)) {
        return null;
    }
    // ok: php-code-injection
    return call_user_func($fn, $_POST['arg']);
}

function allowListOnlyLogs() {
    $fn = $_POST['action'];
    if (!in_array($fn, ['strtoupper', 'strtolower'], true)) {
        error_log('unknown action ' . $fn);
    }
    // ruleid: php-code-injection
    return call_user_func_array($fn, [$_POST['arg']]);
}

function exportOnOneBranch() {
    $value = $_COOKIE['pref'];
    if (isset($_GET['export'])) {
        $value = var_export($value, true);
    }
    // ruleid: php-code-injection
    eval('$pref = ' . $value . ';');
}

function exportedValue() {
    $value = var_export($_COOKIE['pref'], true);
    // ok: php-code-injection
    eval('$pref = ' . $value . ';');
}

function patternFromRequest() {
    $pattern = $_GET['pattern'];
    // ruleid: php-code-injection
    return preg_replace($pattern, 'x', 'subject');
}

function quotedPattern() {
    $word = preg_quote($_GET['word'], '/');
    // ok: php-code-injection
    return preg_replace('/' . $word . '/', '*', 'subject');
}

function constantCode() {
    $code = $_GET['code'];
    $code = 'return 1;';
    // ok: php-code-injection
    eval($code);
}

function runSnippet($snippet) {
    // ruleid: php-code-injection
    assert($snippet);
}

function debugPanel() {
    runSnippet($_REQUEST['snippet']);
    runSnippet('1 === 1');
}
