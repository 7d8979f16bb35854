<?php
// Helper for the php-sql-injection annotated test (ours): included by the test file.

function findByName($conn, $name) {
    // ruleid: php-sql-injection
    return mysqli_query($conn, "SELECT * FROM users WHERE name = '" . $name . "'");
}

function findById($conn, $id) {
    $stmt = mysqli_prepare($conn, 'SELECT * FROM users WHERE id = ?');
    mysqli_stmt_bind_param($stmt, 'i', $id);
    mysqli_stmt_execute($stmt);
    return mysqli_stmt_get_result($stmt);
}

function orderClause($column) {
    return ' ORDER BY ' . $column;
}
