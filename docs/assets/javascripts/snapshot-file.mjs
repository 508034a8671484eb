// The layout of the interpreter's memory snapshot as shipped (interpreter-snapshot.bin, once its gzip
// is undone): only the pages of memory that are not all zeros, so that a later visit decompresses
// about 12 MB rather than 30. The runtime build packs it (scripts/build_pyodide_runtime.mjs, which
// checks that unpacking gives back the snapshot byte for byte before anything is shipped); the
// checkers' worker unpacks it. One module, so that both use the same layout.
//
//   uint32 LE   length of the memory snapshot in bytes
//   uint32 LE   number of runs
//   per run:    uint32 LE first page, uint32 LE number of pages (pages of PAGE bytes, in order)
//   then        the bytes of every run, one after another (the last page of memory may be short)
//
// Every byte of memory not in a run is zero.

export const PAGE = 4096;

export class DamagedSnapshot extends Error {}

// Memory (a Uint8Array) -> the packed layout (a Uint8Array).
export function pack(memory) {
  const pages = Math.ceil(memory.length / PAGE);
  const runs = [];
  for (let page = 0; page < pages; page++) {
    const bytes = memory.subarray(page * PAGE, Math.min((page + 1) * PAGE, memory.length));
    if (bytes.every((byte) => byte === 0)) continue;
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === page) last[1] += 1;
    else runs.push([page, 1]);
  }
  const sizes = runs.map(([first, count]) => Math.min((first + count) * PAGE, memory.length) - first * PAGE);
  const header = 8 + 8 * runs.length;
  const packed = new Uint8Array(header + sizes.reduce((total, size) => total + size, 0));
  const view = new DataView(packed.buffer);
  view.setUint32(0, memory.length, true);
  view.setUint32(4, runs.length, true);
  let at = header;
  runs.forEach(([first, count], i) => {
    view.setUint32(8 + 8 * i, first, true);
    view.setUint32(12 + 8 * i, count, true);
    packed.set(memory.subarray(first * PAGE, first * PAGE + sizes[i]), at);
    at += sizes[i];
  });
  return packed;
}

// The packed layout (a Uint8Array) -> memory (a Uint8Array). Throws DamagedSnapshot if the layout
// does not hold together (runs out of order or outside the memory, bytes missing or left over).
export function unpack(packed) {
  if (packed.length < 8) throw new DamagedSnapshot("the snapshot is too short");
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const length = view.getUint32(0, true);
  const count = view.getUint32(4, true);
  let at = 8 + 8 * count;
  if (at > packed.length) throw new DamagedSnapshot("the snapshot's list of runs is cut short");
  const memory = new Uint8Array(length);
  let next = 0; // the first page a run may start at
  for (let i = 0; i < count; i++) {
    const first = view.getUint32(8 + 8 * i, true);
    const pages = view.getUint32(12 + 8 * i, true);
    const start = first * PAGE;
    const end = Math.min((first + pages) * PAGE, length);
    if (pages === 0 || first < next || start >= length || at + (end - start) > packed.length) {
      throw new DamagedSnapshot("the snapshot's runs do not fit its memory");
    }
    memory.set(packed.subarray(at, at + (end - start)), start);
    at += end - start;
    next = first + pages;
  }
  if (at !== packed.length) throw new DamagedSnapshot("the snapshot has bytes left over");
  return memory;
}
