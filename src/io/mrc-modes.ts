/** MRC2014 data modes (header word 4): what each stores, and which ones LocScale-TS reads. */

export interface MrcMode {
  readonly mode: number;
  /** Element type as a short name, e.g. 'float32'. */
  readonly name: string;
  readonly bytesPerVoxel: number;
}

/** Modes LocScale-TS reads: real-valued density. */
export const MRC_READ_MODES: ReadonlyMap<number, MrcMode> = new Map(
  [
    { mode: 0, name: 'int8', bytesPerVoxel: 1 },
    { mode: 1, name: 'int16', bytesPerVoxel: 2 },
    { mode: 2, name: 'float32', bytesPerVoxel: 4 },
    { mode: 6, name: 'uint16', bytesPerVoxel: 2 },
    { mode: 12, name: 'float16', bytesPerVoxel: 2 },
  ].map((m) => [m.mode, m]),
);

/** Modes MRC2014 defines that are not density maps (or are packed), with what they hold. */
export const MRC_UNREAD_MODES: ReadonlyMap<number, string> = new Map([
  [3, 'complex int16, a Fourier transform'],
  [4, 'complex float32, a Fourier transform'],
  [101, '4-bit packed integers, an image format'],
]);

/** "0 (int8), 1 (int16), …" for messages. */
export function describeReadModes(): string {
  return [...MRC_READ_MODES.values()].map((m) => `${m.mode} (${m.name})`).join(', ');
}
