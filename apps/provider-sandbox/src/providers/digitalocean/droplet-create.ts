import { DIGITALOCEAN_IMAGES, DIGITALOCEAN_SIZES } from '../../seed/digitalocean-catalog';
import { DIGITALOCEAN_REGIONS } from '../../seed/digitalocean-regions';

export interface DropletCreateInput {
  name: string;
  size: string;
  image: string;
  region: string;
  tags: string[];
  userData: string | null;
}

const NAME = /^[a-zA-Z0-9]?[a-z0-9A-Z.-]*[a-z0-9A-Z]$/;
const MAX_USER_DATA = 64 * 1024;

/** `POST /v2/droplets` validation: the first problem, as a 422 message (do.md §2.7). */
export function validateDropletCreate(body: unknown): DropletCreateInput | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return 'error parsing request body';
  const b = body as Record<string, unknown>;
  if (b['names'] !== undefined)
    return 'Creating several droplets at once (names) is not supported by the sandbox; send name.';
  const name = b['name'];
  if (typeof name !== 'string' || name.length === 0) return 'Name is required.';
  if (name.length > 255 || !NAME.test(name))
    return 'Name is invalid: only letters, numbers, periods and dashes are allowed.';
  const size = DIGITALOCEAN_SIZES.find((s) => s.slug === b['size']);
  if (!size) return 'You specified an invalid size for Droplet creation.';
  const image = DIGITALOCEAN_IMAGES.find((i) => i.slug === b['image'] || i.id === b['image']);
  if (!image) return 'You specified an invalid image for Droplet creation.';
  const regionValue = b['region'] ?? 'nyc3';
  // A slug, or a prefix such as `nyc` (do.md §2.7).
  const region = DIGITALOCEAN_REGIONS.find(
    (r) =>
      r.available &&
      (r.slug === regionValue ||
        (typeof regionValue === 'string' && r.slug.startsWith(regionValue))),
  );
  if (!region) return 'You specified an invalid region for Droplet creation.';
  if (!size.regions.includes(region.slug))
    return 'This size is not available in the selected region.';
  const tags = b['tags'];
  if (
    tags !== undefined &&
    tags !== null &&
    !(Array.isArray(tags) && tags.every((t) => typeof t === 'string'))
  ) {
    return 'tags must be a list of strings.';
  }
  const userData = b['user_data'];
  if (userData !== undefined && userData !== null && typeof userData !== 'string')
    return 'user_data must be a string.';
  if (typeof userData === 'string' && Buffer.byteLength(userData) > MAX_USER_DATA)
    return 'user_data must be at most 64 KiB.';
  return {
    name,
    size: size.slug,
    image: image.slug,
    region: region.slug,
    tags: Array.isArray(tags) ? (tags as string[]) : [],
    userData: typeof userData === 'string' ? userData : null,
  };
}
