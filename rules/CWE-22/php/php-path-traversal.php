<?php
// Annotated test for php-path-traversal (ours, written for the test).
const UPLOADS = '/var/www/uploads';

function joinAlone() {
    $file = UPLOADS . '/' . $_GET['file'];
    // ruleid: php-path-traversal
    readfile($file);
}

function realpathAndPrefix() {
    $path = realpath(UPLOADS . '/' . $_GET['file']);
    if ($path === false || strpos($path, UPLOADS . '/') !== 0) {
        http_response_code(404);
        exit;
    }
    // ok: php-path-traversal
    readfile($path);
}

function prefixCheckOnlyLogs() {
    $path = realpath(UPLOADS . '/' . $_GET['file']);
    if (strpos($path, UPLOADS . '/') !== 0) {
        error_log('outside uploads: ' . $path);
    }
    // ruleid: php-path-traversal
    echo file_get_contents($path);
}

function baseNameOnly() {
    $name = basename($_POST['name']);
    // ok: php-path-traversal
    file_put_contents(UPLOADS . '/' . $name, $_POST['body']);
}

function baseNameOnOneBranch() {
    $name = $_POST['name'];
    if (isset($_POST['flat'])) {
        $name = basename($name);
    }
    // ruleid: php-path-traversal
    unlink(UPLOADS . '/' . $name);
}

function dotDotRejected() {
    $rel = $_GET['p'];
    if (str_contains($rel, '..')) {
        throw new InvalidArgumentException('bad path');
    }
    // ok: php-path-traversal
    $fh = fopen(UPLOADS . "/$rel", 'r');
    return $fh;
}

function includeTemplate() {
    $tpl = $_GET['tpl'];
    // ruleid: php-path-traversal
    include 'templates/' . $tpl . '.php';
}

function includeConstant() {
    $tpl = $_GET['tpl'];
    $tpl = 'home';
    // ok: php-path-traversal
    include 'templates/' . $tpl . '.php';
}

function openFor($name) {
    // ruleid: php-path-traversal
    return fopen('/srv/exports/' . $name, 'r');
}

function export() {
    openFor($_REQUEST['export']);
    openFor('report.csv');
}
