import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

export const newTotpSecret = () => generateSecret();

export async function totpEnrolment(secret: string, username: string): Promise<{ secret: string; uri: string; qrSvg: string }> {
  const uri = generateURI({ issuer: 'Polku', label: username, secret });
  return { secret, uri, qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) };
}

/**
 * Accepts the current code or one step either side (clock drift), but never a step already used:
 * a code seen once cannot be replayed.
 */
export async function checkTotp(secret: string, code: string, lastStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({ secret, token: code, epochTolerance: 30, ...(lastStep === null ? {} : { afterTimeStep: lastStep }) });
  // verify() answers for HOTP too; only a TOTP result names the step that matched.
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}
