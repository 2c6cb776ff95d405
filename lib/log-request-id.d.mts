export declare const REQUEST_ID_HEADER: "x-request-id";
export declare const SAFE_REQUEST_ID: RegExp;
export declare function chooseRequestId(incoming: string | string[] | null | undefined, trustedProxyHops: number): string;
export declare function trustedProxyHops(value: string | undefined): number;
