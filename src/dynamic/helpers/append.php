<?php
// Appended to PHP test/PoC scripts (php -d auto_append_file=…): reached only when the script ran to its end.
__ase_end_of_script();
