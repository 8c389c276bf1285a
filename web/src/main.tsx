import { render } from 'preact';
import { Session } from './auth/session';
import { App } from './ui/App';
import './styles.css';

render(<App session={new Session()} />, document.getElementById('app')!);
