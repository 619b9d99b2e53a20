import type { ReactNode } from "react";
import { useNavigate } from "zmp-ui";

/** A big button that opens another screen (buttons, not links: the router owns navigation in Zalo). */
export function GoButton({ to, kind = "primary", children }: { to: string; kind?: "primary" | "secondary"; children: ReactNode }) {
  const navigate = useNavigate();
  return (
    <button type="button" className={`btn btn-${kind}`} onClick={() => navigate(to)}>
      {children}
    </button>
  );
}
