pub mod countries;
pub mod feeds;
pub mod ical;
pub mod pages;
pub mod theme;
pub mod views;
pub mod vtimezone;
pub mod words;
