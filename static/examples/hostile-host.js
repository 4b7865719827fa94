// The hostile host supplies the token as a property.
document.getElementById("console").token = "demo-token";
