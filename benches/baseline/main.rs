//! The size baseline of the bench: an empty Yew app built with the console's
//! dependencies and release profile, so that the bench can show what the
//! console's own features cost.

#[cfg(target_arch = "wasm32")]
fn main() {
    use yew::prelude::*;

    #[function_component(Empty)]
    fn empty() -> Html {
        html! { <p>{ "empty" }</p> }
    }

    yew::Renderer::<Empty>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
