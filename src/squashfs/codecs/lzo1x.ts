// Decoder for raw LZO1X streams (the format of every lzo1x_* compressor; squashfs stores the
// stream without a header). Written from the LZO1X format description: instructions are
// literal runs and matches M1..M4 whose low two bits carry a 0-3 byte trailing literal count.
// Every access is bounds-checked; the stream must end in the M4 end marker exactly at its end.

enum State {
  Instruction,
  AfterLiteralRun,
  Match,
}

export function lzo1xDecompress(src: Uint8Array, maxSize: number): Uint8Array {
  const out = new Uint8Array(maxSize);
  const n = src.length;
  let ip = 0;
  let op = 0;
  const fail = (what: string): never => {
    throw new Error(`lzo ${what} at input byte ${ip}`);
  };
  const need = (k: number): void => {
    if (ip + k > n) fail('input overrun');
  };
  const literals = (k: number): void => {
    need(k);
    if (op + k > maxSize) fail('output overrun');
    out.set(src.subarray(ip, ip + k), op);
    ip += k;
    op += k;
  };
  const match = (distance: number, length: number): void => {
    if (distance > op) fail('match before start of output');
    if (op + length > maxSize) fail('output overrun');
    let m = op - distance;
    if (distance >= length) {
      out.copyWithin(op, m, m + length);
      op += length;
    } else {
      for (const end = op + length; op < end; ) out[op++] = out[m++] as number;
    }
  };
  // a zero length field is extended by 255 per zero byte plus the first non-zero byte
  const extendedLength = (base: number): number => {
    let t = base;
    for (;;) {
      need(1);
      const b = src[ip++] as number;
      if (b !== 0) return t + b;
      t += 255;
      if (t > maxSize) fail('length overrun');
    }
  };

  need(1);
  let t = 0;
  let state = State.Instruction;
  if ((src[0] as number) > 17) {
    t = (src[ip++] as number) - 17;
    literals(t);
    if (t < 4) {
      need(1);
      t = src[ip++] as number;
      state = State.Match;
    } else {
      state = State.AfterLiteralRun;
    }
  }
  for (;;) {
    if (state === State.Instruction) {
      need(1);
      t = src[ip++] as number;
      if (t >= 16) {
        state = State.Match;
        continue;
      }
      literals((t === 0 ? extendedLength(15) : t) + 3);
      state = State.AfterLiteralRun;
      continue;
    }
    if (state === State.AfterLiteralRun) {
      need(1);
      t = src[ip++] as number;
      if (t >= 16) {
        state = State.Match;
        continue;
      }
      need(1);
      match(1 + 0x800 + (t >> 2) + ((src[ip++] as number) << 2), 3);
    } else if (t >= 64) {
      need(1);
      match(1 + ((t >> 2) & 7) + ((src[ip++] as number) << 3), (t >> 5) + 1);
    } else if (t >= 32) {
      const length = (t & 31) === 0 ? extendedLength(31) : t & 31;
      need(2);
      match(1 + (((src[ip] as number) >> 2) | ((src[ip + 1] as number) << 6)), length + 2);
      ip += 2;
    } else if (t >= 16) {
      const high = (t & 8) << 11;
      const length = (t & 7) === 0 ? extendedLength(7) : t & 7;
      need(2);
      const distance = high + (((src[ip] as number) >> 2) | ((src[ip + 1] as number) << 6));
      ip += 2;
      if (distance === 0) {
        if (ip !== n) fail('trailing bytes after the end marker');
        return out.subarray(0, op);
      }
      match(distance + 0x4000, length + 2);
    } else {
      need(1);
      match(1 + (t >> 2) + ((src[ip++] as number) << 2), 2);
    }
    // the low two bits of the byte before last say how many literals follow the match
    t = (src[ip - 2] as number) & 3;
    if (t === 0) {
      state = State.Instruction;
    } else {
      literals(t);
      need(1);
      t = src[ip++] as number;
      state = State.Match;
    }
  }
}
