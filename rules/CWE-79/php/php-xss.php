<?php
// Annotated test for php-xss (ours, written for the test).

function greet() {
    $name = $_GET['name'];
    // ruleid: php-xss
    echo "<h1>Hello, $name</h1>";
}

function greetEncoded() {
    $name = htmlspecialchars($_GET['name'], ENT_QUOTES, 'UTF-8');
    // ok: php-xss
    echo "<h1>Hello, $name</h1>";
}

function searchBox() {
    $q = $_REQUEST['q'];
    // ruleid: php-xss
    print('<input value="' . $q . '">');
}

function encodeOnOneBranch() {
    $msg = $_POST['msg'];
    if (strlen($msg) > 100) {
        $msg = htmlspecialchars(substr($msg, 0, 100));
    }
    // ruleid: php-xss
    echo '<p>', $msg, '</p>';
}

function guardDies() {
    $page = $_GET['page'];
    if (!ctype_digit($page)) {
        die('bad page');
    }
    // ok: php-xss
    echo "Page $page";
}

function exitWithMessage() {
    $reason = $_POST['reason'];
    if ($reason === '') {
        // ok: php-xss
        exit('<p>Missing reason</p>');
    }
    // ruleid: php-xss
    exit('<p>Rejected: ' . $reason . '</p>');
}

function dieWithEscapedMessage() {
    $who = $_GET['who'];
    // ok: php-xss
    die('<p>Unknown user ' . htmlspecialchars($who, ENT_QUOTES) . '</p>');
}

function guardOnlyLogs() {
    $page = $_GET['page'];
    if (!ctype_digit($page)) {
        error_log('non-numeric page');
    }
    // ruleid: php-xss
    echo "Page $page";
}

function constantBeforeOutput() {
    $title = $_GET['title'];
    $title = 'Welcome';
    // ok: php-xss
    echo "<title>$title</title>";
}

function renderRow($cell) {
    // ruleid: php-xss
    echo '<td>' . $cell . '</td>';
}

function table() {
    foreach ($_GET['cells'] as $c) {
        renderRow($c);
    }
    renderRow('static');
}

function jsonOut() {
    // ok: php-xss
    echo json_encode($_GET['data']);
}

function formatted() {
    $user = $_COOKIE['user'];
    // ruleid: php-xss
    printf('<span>%s</span>', $user);
}

function formattedSafe() {
    $user = $_COOKIE['user'];
    // ok: php-xss
    printf('<span>%s</span>', htmlspecialchars($user));
}
?>
<div>
<?php
// ruleid: php-xss
echo $_SERVER['PHP_SELF'];
$q = $_GET['q'] ?? '';
$qSafe = htmlspecialchars($q, ENT_QUOTES);
?>
</div>
<!-- ruleid: php-xss -->
<p>You searched for <?= $q ?></p>
<!-- ok: php-xss -->
<p>You searched for <?= $qSafe ?></p>
