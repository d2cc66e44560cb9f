//! The inspector: settings of the selected part.

use yew::prelude::*;

/// The right column. With nothing selected it says how to get started.
#[component]
pub fn Inspector() -> Html {
    html! {
        <section class="inspector panel" aria-labelledby="inspector-heading">
            <h2 id="inspector-heading" class="panel-heading">{ "Inspector" }</h2>
            <div class="empty-note">
                <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" class="empty-icon">
                    <path d="M4 4l6.5 16 2.3-6.7L19.5 11z" />
                </svg>
                <p>{ "Select a part to see its settings" }</p>
                <p class="muted">
                    { "Addresses, route tables, network ACLs and security groups show up here." }
                </p>
            </div>
        </section>
    }
}
