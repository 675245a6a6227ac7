// Finding the task's executable in the container root as runc's init does (exec.LookPath).
import { describe, expect, it } from 'vitest';
import { createNodeFs, Tmpfs } from '../../src/overlayfs-sim/index.js';
import { hostPathOf, lookupExecutable } from '../../src/services/index.js';

function root() {
  const fs = createNodeFs(new Tmpfs());
  fs.mkdirSync('/r/usr/local/bin', { recursive: true });
  fs.mkdirSync('/r/dir', { recursive: true });
  fs.writeFileSync('/r/usr/local/bin/tool', '', { mode: 0o755 });
  fs.writeFileSync('/r/plain', '', { mode: 0o644 });
  fs.writeFileSync('/r/exe', '', { mode: 0o700 });
  return fs;
}

describe('lookupExecutable', () => {
  it('resolves relative and absolute paths inside the root', () => {
    const fs = root();
    expect(lookupExecutable(fs, '/r', './exe', [])).toEqual({ ok: true, hostPath: '/r/exe', containerPath: '/exe' });
    expect(lookupExecutable(fs, '/r', '/usr/local/bin/tool', [])).toMatchObject({
      ok: true,
      hostPath: '/r/usr/local/bin/tool',
    });
  });

  it('searches a bare name in the container PATH only', () => {
    const fs = root();
    expect(lookupExecutable(fs, '/r', 'tool', ['PATH=/sbin:/usr/local/bin'])).toMatchObject({
      ok: true,
      containerPath: '/usr/local/bin/tool',
    });
    expect(lookupExecutable(fs, '/r', 'tool', [])).toEqual({
      ok: false,
      error: 'exec: "tool": executable file not found in $PATH',
    });
  });

  it('refuses missing files, directories and files without execute bits as runc reports them', () => {
    const fs = root();
    expect(lookupExecutable(fs, '/r', './missing', [])).toEqual({
      ok: false,
      error: 'exec: "./missing": stat ./missing: no such file or directory',
    });
    expect(lookupExecutable(fs, '/r', '/dir', [])).toEqual({ ok: false, error: 'exec: "/dir": permission denied' });
    expect(lookupExecutable(fs, '/r', './plain', [])).toEqual({
      ok: false,
      error: 'exec: "./plain": permission denied',
    });
  });
});

describe('executables behind bind mounts', () => {
  it('looks a path up at the source of the deepest bind mount covering it', () => {
    const fs = root();
    fs.mkdirSync('/host/sbin', { recursive: true });
    fs.writeFileSync('/host/sbin/iscsid', '', { mode: 0o755 });
    const mounts = [
      { destination: '/usr', type: 'bind', source: '/elsewhere', options: ['bind', 'ro'] },
      { destination: '/usr/local/sbin', type: 'bind', source: '/host/sbin', options: ['bind', 'ro'] },
      { destination: '/proc', type: 'proc', source: 'proc', options: [] },
    ];
    expect(lookupExecutable(fs, '/r', '/usr/local/sbin/iscsid', [], mounts)).toEqual({
      ok: true,
      hostPath: '/host/sbin/iscsid',
      containerPath: '/usr/local/sbin/iscsid',
    });
    expect(hostPathOf('/r', mounts, '/usr/local/sbinx')).toBe('/elsewhere/local/sbinx');
    expect(hostPathOf('/r', mounts, '/bin/sh')).toBe('/r/bin/sh');
  });
});
