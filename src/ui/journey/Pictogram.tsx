import { CircleHelp } from 'lucide';
import { Icon } from '../components/Icon';
import { PICTOGRAMS } from './pictograms';

/** A questionnaire pictogram by its id; decorative, the text beside it says the same. */
export function Pictogram({ id, size = 40 }: { readonly id: string; readonly size?: number }) {
  return <Icon icon={PICTOGRAMS[id] ?? CircleHelp} size={size} class="pictogram" />;
}
