# Runs a Python test/PoC script for the harness (python3 /ase/helpers/pyrun.py SCRIPT ...), the
# counterpart of preload.cjs: reads and unlinks the per-run token before any other code, runs the
# script as __main__, and records on fd 3 how it ended: "natural" (ran to its end), or "exit" with
# the file that called sys.exit, so that sys.exit(0) from the code under test fails a test.
def _ase_main():
    import json, os, runpy, sys

    token = ''
    try:
        with open('/ase/ctl/token') as f:
            token = f.read().strip()
        os.unlink('/ase/ctl/token')
    except OSError:
        pass

    def record(kind, **data):
        if not token:
            return
        try:
            os.write(3, (json.dumps(dict(t=token, k=kind, **data)) + '\n').encode())
        except OSError:
            pass

    script = sys.argv[1]
    sys.argv = sys.argv[1:]
    sys.path[0] = os.path.dirname(os.path.abspath(script))
    try:
        runpy.run_path(script, run_name='__main__')
    except SystemExit as e:
        tb, last = e.__traceback__, None
        while tb is not None:
            last, tb = tb, tb.tb_next
        where = last.tb_frame.f_code.co_filename if last is not None else ''
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        record('script-end', how='exit', code=code, **{'from': where})
        raise
    except BaseException:
        record('script-end', how='other')
        raise
    record('script-end', how='natural', code=0)


_ase_main()
del _ase_main
