/**
 * `GET /api/device/activation?user_code=…`: a device waiting for the person's decision
 * (RFC 8628 §3.3), for the `/activate` page to show before it asks.
 */
export interface DeviceActivationView {
  /** The code as the device shows it, `WDJB-MJHT`, for the person to compare. */
  userCode: string;
  clientName: string;
  /** The Launchpad scopes asked for, each with the words consent screens show. */
  scopes: { scope: string; description: string }[];
  /** When the code expires (ISO 8601). */
  expiresAt: string;
}

/** `POST /api/device/activation`: the person's decision on a user code. */
export interface DeviceActivationDecision {
  user_code: string;
  decision: 'approve' | 'deny';
}

/** The answer to a decision. */
export interface DeviceActivationResult {
  status: 'approved' | 'denied';
  message: string;
}
