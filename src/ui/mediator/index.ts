// The mediator space: its own chunk, loaded when someone opens it (or resumes a guided session).
import './mediator.css';

export { GuidedResultScreen } from './GuidedResultScreen';
export { MediatorHome, type MediatorView } from './MediatorHome';
export { PinScreen } from './PinScreen';
export { HistoryScreen } from './HistoryScreen';
export { SettingsScreen } from './SettingsScreen';
