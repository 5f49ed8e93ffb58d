import { createContext, useContext } from "react";

/** The per-response CSP nonce; only the server render knows it. */
export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce() {
  return useContext(NonceContext);
}
