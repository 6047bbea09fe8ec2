/** Addresses from the documentation ranges (RFC 5737, RFC 3849): never a real host. */
export function linodeAddresses(id: number): { ipv4: string[]; ipv6: string } {
  return {
    ipv4: [`192.0.2.${(id % 253) + 1}`],
    ipv6: `2001:db8::${(id % 65535).toString(16)}/128`,
  };
}

export function dropletAddresses(id: number): { ipv4: string; privateIpv4: string } {
  return {
    ipv4: `203.0.113.${(id % 253) + 1}`,
    privateIpv4: `10.10.${Math.floor(id / 250) % 250}.${(id % 250) + 2}`,
  };
}
