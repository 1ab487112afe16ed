/**
 * Growable columns for the readers: atoms are appended one at a time, then `finish()` trims every column to
 * the atom count and returns the `Atoms` of a Structure.
 */
import type { Atoms } from './structure.js';

export class AtomTableBuilder {
  count = 0;
  private capacity: number;
  private x: Float64Array;
  private y: Float64Array;
  private z: Float64Array;
  private occupancy: Float64Array;
  private bIsoA2: Float64Array;
  private anisoUA2: Float64Array | null = null;
  private serial: Int32Array;
  private resSeq: Int32Array;
  private isHetatm: Uint8Array;
  private formalCharge: Int8Array;
  private readonly element: string[];
  private readonly atomName: string[];
  private readonly altLoc: string[];
  private readonly resName: string[];
  private readonly chainId: string[];
  private readonly insCode: string[];

  constructor(initialCapacity = 1024) {
    this.capacity = Math.max(16, initialCapacity);
    const n = this.capacity;
    this.x = new Float64Array(n);
    this.y = new Float64Array(n);
    this.z = new Float64Array(n);
    this.occupancy = new Float64Array(n);
    this.bIsoA2 = new Float64Array(n);
    this.serial = new Int32Array(n);
    this.resSeq = new Int32Array(n);
    this.isHetatm = new Uint8Array(n);
    this.formalCharge = new Int8Array(n);
    // pre-sized and filled by index: about three times cheaper than push() for 10⁵ atoms (measured, Node 20)
    this.element = new Array<string>(n);
    this.atomName = new Array<string>(n);
    this.altLoc = new Array<string>(n);
    this.resName = new Array<string>(n);
    this.chainId = new Array<string>(n);
    this.insCode = new Array<string>(n);
  }

  private grow(): void {
    const n = this.capacity * 2;
    this.x = resize(this.x, n);
    this.y = resize(this.y, n);
    this.z = resize(this.z, n);
    this.occupancy = resize(this.occupancy, n);
    this.bIsoA2 = resize(this.bIsoA2, n);
    if (this.anisoUA2 !== null) {
      const a = new Float64Array(6 * n).fill(NaN);
      a.set(this.anisoUA2);
      this.anisoUA2 = a;
    }
    this.serial = resize(this.serial, n);
    this.resSeq = resize(this.resSeq, n);
    this.isHetatm = resize(this.isHetatm, n);
    this.formalCharge = resize(this.formalCharge, n);
    for (const column of [
      this.element,
      this.atomName,
      this.altLoc,
      this.resName,
      this.chainId,
      this.insCode,
    ]) {
      column.length = n;
    }
    this.capacity = n;
  }

  /** Appends one atom and returns its index. */
  add(
    serial: number,
    atomName: string,
    altLoc: string,
    resName: string,
    chainId: string,
    resSeq: number,
    insCode: string,
    x: number,
    y: number,
    z: number,
    occupancy: number,
    bIsoA2: number,
    element: string,
    formalCharge: number,
    isHetatm: boolean,
  ): number {
    if (this.count === this.capacity) this.grow();
    const i = this.count++;
    this.serial[i] = serial;
    this.atomName[i] = atomName;
    this.altLoc[i] = altLoc;
    this.resName[i] = resName;
    this.chainId[i] = chainId;
    this.resSeq[i] = resSeq;
    this.insCode[i] = insCode;
    this.x[i] = x;
    this.y[i] = y;
    this.z[i] = z;
    this.occupancy[i] = occupancy;
    this.bIsoA2[i] = bIsoA2;
    this.element[i] = element;
    this.formalCharge[i] = formalCharge;
    this.isHetatm[i] = isHetatm ? 1 : 0;
    return i;
  }

  /** Sets the anisotropic U (Å²) of atom `i`, order U11 U22 U33 U12 U13 U23. */
  setAniso(i: number, u11: number, u22: number, u33: number, u12: number, u13: number, u23: number): void {
    if (this.anisoUA2 === null) this.anisoUA2 = new Float64Array(6 * this.capacity).fill(NaN);
    const a = this.anisoUA2;
    const o = 6 * i;
    a[o] = u11;
    a[o + 1] = u22;
    a[o + 2] = u33;
    a[o + 3] = u12;
    a[o + 4] = u13;
    a[o + 5] = u23;
  }

  /** The atoms added so far. The string columns are handed over, not copied: add nothing afterwards. */
  finish(): Atoms {
    const n = this.count;
    return {
      count: n,
      x: this.x.slice(0, n),
      y: this.y.slice(0, n),
      z: this.z.slice(0, n),
      occupancy: this.occupancy.slice(0, n),
      bIsoA2: this.bIsoA2.slice(0, n),
      anisoUA2: this.anisoUA2 === null ? null : this.anisoUA2.slice(0, 6 * n),
      element: shorten(this.element, n),
      atomName: shorten(this.atomName, n),
      altLoc: shorten(this.altLoc, n),
      resName: shorten(this.resName, n),
      chainId: shorten(this.chainId, n),
      resSeq: this.resSeq.slice(0, n),
      insCode: shorten(this.insCode, n),
      isHetatm: this.isHetatm.slice(0, n),
      serial: this.serial.slice(0, n),
      formalCharge: this.formalCharge.slice(0, n),
    };
  }
}

/** The array itself, cut to its first `n` entries. */
function shorten(a: string[], n: number): string[] {
  a.length = n;
  return a;
}

function resize<T extends Float64Array | Int32Array | Uint8Array | Int8Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}
