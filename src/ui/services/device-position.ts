import type { LatLon } from '../../domain/geo';

export type PositionFailure = 'refused' | 'unavailable';

/**
 * Where this device is, when the person (or the mediator) allows it: one reading of the Geolocation API. Rejects with
 * 'refused' when permission is denied, 'unavailable' otherwise (no fix, time out).
 */
export function devicePosition(options: PositionOptions): Promise<LatLon> {
  return new Promise((resolve, reject: (reason: PositionFailure) => void) => {
    navigator.geolocation.getCurrentPosition(
      (position) => resolve({ lat: position.coords.latitude, lon: position.coords.longitude }),
      (error) => reject(error.code === error.PERMISSION_DENIED ? 'refused' : 'unavailable'),
      options,
    );
  });
}
