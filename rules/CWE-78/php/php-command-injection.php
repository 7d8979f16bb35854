<?php
// Annotated test for php-command-injection (ours, written for the test).

function pingHost() {
    $host = $_GET['host'];
    // ruleid: php-command-injection
    system('ping -c 1 ' . $host);
}

function quotedArg() {
    $host = escapeshellarg($_GET['host']);
    // ok: php-command-injection
    system("ping -c 1 $host");
}

function interpolatedShell() {
    $file = $_POST['file'];
    // ruleid: php-command-injection
    $out = shell_exec("wc -l /srv/data/{$file}");
    return $out;
}

function argumentArray() {
    $descriptors = [1 => ['pipe', 'w']];
    // ok: php-command-injection
    $proc = proc_open(['git', 'log', '--', $_GET['path']], $descriptors, $pipes);
    return $proc;
}

function guardReturns() {
    $branch = $_GET['branch'];
    if (!preg_match('/^[a-z0-9-]+$/', $branch)) {
        return false;
    }
    // ok: php-command-injection
    exec('git checkout ' . $branch, $lines);
    return $lines;
}

function guardOnlyLogs() {
    $branch = $_GET['branch'];
    if (!preg_match('/^[a-z0-9-]+$/', $branch)) {
        error_log('odd branch name');
    }
    // ruleid: php-command-injection
    passthru('git checkout ' . $branch);
}

function quoteOneBranch() {
    $dir = $_REQUEST['dir'];
    if ($_REQUEST['mode'] === 'safe') {
        $dir = escapeshellarg($dir);
    } else {
        error_log('unsafe mode');
    }
    // ruleid: php-command-injection
    exec("ls -la " . $dir);
}

function constantAfterAll() {
    $cmd = $_GET['cmd'];
    $cmd = 'uptime';
    // ok: php-command-injection
    system($cmd);
}

function runTool($args) {
    // ruleid: php-command-injection
    return shell_exec('convert ' . $args);
}

function resize() {
    runTool($_FILES['img']['name'] . ' -resize 50% out.png');
    runTool('in.png -resize 50% out.png');
}

function allowList() {
    $fmt = $_GET['fmt'];
    if (!in_array($fmt, ['png', 'jpg'], true)) {
        die('bad format');
    }
    // ok: php-command-injection
    system('convert in.tif out.' . $fmt);
}
