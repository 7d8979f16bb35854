<?php
// Annotated test for php-sql-injection (ours, written for the test).
require_once __DIR__ . '/php-sql-injection.helper.php';

function helperInAnotherFile($conn) {
    findByName($conn, $_GET['name']);
    findById($conn, $_GET['id']);
    $order = orderClause($_GET['sort']);
    // ruleid: php-sql-injection
    mysqli_query($conn, 'SELECT * FROM users' . $order);
}

function concatQuery($conn) {
    $id = $_GET['id'];
    // ruleid: php-sql-injection
    mysqli_query($conn, "SELECT * FROM users WHERE id = " . $id);
}

function interpolated($conn) {
    $name = $_POST['name'];
    $sql = "SELECT * FROM users WHERE name = '$name'";
    // ruleid: php-sql-injection
    $conn->query($sql);
}

function preparedPdo(PDO $pdo) {
    $stmt = $pdo->prepare('SELECT * FROM users WHERE id = ?');
    // ok: php-sql-injection
    $stmt->execute([$_GET['id']]);
    return $stmt->fetchAll();
}

function preparedMysqli($conn) {
    // ok: php-sql-injection
    $stmt = $conn->prepare('SELECT * FROM users WHERE email = ?');
    $stmt->bind_param('s', $_POST['email']);
    $stmt->execute();
}

function castToInt($conn) {
    $id = (int) $_GET['id'];
    // ok: php-sql-injection
    mysqli_query($conn, "DELETE FROM posts WHERE id = $id");
}

function guardExits($conn) {
    $id = $_GET['id'];
    if (!ctype_digit($id)) {
        http_response_code(400);
        exit;
    }
    // ok: php-sql-injection
    mysqli_query($conn, "SELECT * FROM posts WHERE id = " . $id);
}

function guardOnlyLogs($conn) {
    $id = $_GET['id'];
    if (!ctype_digit($id)) {
        error_log('suspicious id ' . $id);
    }
    // ruleid: php-sql-injection
    mysqli_query($conn, "SELECT * FROM posts WHERE id = " . $id);
}

function escapeOnOneBranch($conn) {
    $q = $_REQUEST['q'];
    if (isset($_GET['strict'])) {
        $q = mysqli_real_escape_string($conn, $q);
    }
    // ruleid: php-sql-injection
    mysqli_query($conn, "SELECT * FROM items WHERE title LIKE '%" . $q . "%'");
}

function reassignedConstant($conn) {
    $order = $_GET['order'];
    $order = 'created_at';
    // ok: php-sql-injection
    mysqli_query($conn, "SELECT * FROM items ORDER BY " . $order);
}

function buildWhere($field, $value) {
    return "WHERE " . $field . " = '" . $value . "'";
}

function throughHelper($conn) {
    $where = buildWhere('name', $_COOKIE['user']);
    // ruleid: php-sql-injection
    $conn->query("SELECT * FROM accounts " . $where);
}

function runQuery($conn, $sql) {
    // ruleid: php-sql-injection
    return mysqli_query($conn, $sql);
}

function callsRunQuery($conn) {
    runQuery($conn, "SELECT * FROM t WHERE a = '" . $_GET['a'] . "'");
    runQuery($conn, "SELECT 1");
}

function loopAppend($conn) {
    $ids = '';
    foreach ($_POST['ids'] as $i) {
        $ids .= $i . ',';
    }
    // ruleid: php-sql-injection
    mysqli_query($conn, "SELECT * FROM t WHERE id IN (" . rtrim($ids, ',') . ")");
}

// Top-level script code.
$user = $_GET['user'];
// ruleid: php-sql-injection
$result = mysqli_query($link, "SELECT * FROM profiles WHERE user = '$user'");
$safe = intval($_GET['page']);
// ok: php-sql-injection
$rows = mysqli_query($link, "SELECT * FROM profiles LIMIT 10 OFFSET " . $safe);
