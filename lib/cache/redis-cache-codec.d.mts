export declare function encodeEntry(value: unknown): string;
export declare function decodeEntry(text: string): unknown;
