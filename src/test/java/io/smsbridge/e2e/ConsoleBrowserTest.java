package io.smsbridge.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console as a person uses it, in Debian's headless Chromium (never a downloaded browser):
 * sign in with the demo credential, add a number with two users, see a sandbox round trip in its
 * conversation, retry a carrier failure, revoke an API key. Each page is saved as a screenshot under
 * target/console-screenshots/, and checked for labels and text contrast.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "console-screenshots");
    static final String NEW_NUMBER = "+15550100009";
    static final String FAILING_CONTACT = "+19175550466";

    static TestBridge bridge;
    static WebDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (System.getenv("CI") != null) {
            assertThat(present).as("CI installs chromium and chromium-driver (.ci/run)").isTrue();
        }
        Assumptions.assumeTrue(present, "Debian's chromium and chromium-driver are not installed");
        bridge = TestBridge.start(Fixtures.DIRECTORY, Map.of("directory.source", "database", "admin.demo", "true"));
        bridge.mock.stubFor(post("/didww/outbound_messages").atPriority(5).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/vnd.api+json")
                .withBody("{\"data\":{\"type\":\"outbound_messages\",\"id\":\"console-ok\"}}")));
        bridge.mock.stubFor(post("/didww/outbound_messages").atPriority(1).withName("refuse")
                .withRequestBody(matchingJsonPath("$.data.attributes.destination", equalTo(FAILING_CONTACT.substring(1))))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/vnd.api+json")
                        .withBody("{\"errors\":[{\"title\":\"is invalid\",\"detail\":\"destination - is not allowed\","
                                + "\"code\":\"100\",\"status\":\"400\"}]}")));
        bridge.mock.stubFor(post("/platform/acme").willReturn(aResponse().withStatus(200)));
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000",
                "--disable-gpu", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (bridge != null) {
            bridge.close();
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + bridge.port + path;
    }

    void open(String hash, String heading) {
        browser.get(url("/console/" + hash));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), heading));
    }

    void shot(String name) throws Exception {
        File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        assertAccessible(name);
    }

    /** Every form control has a label, every button a name, and text contrast is at least 4.5:1. */
    @SuppressWarnings("unchecked")
    void assertAccessible(String page) {
        List<String> problems = (List<String>) ((JavascriptExecutor) browser).executeScript("""
                const out = [];
                for (const el of document.querySelectorAll('input, select, textarea')) {
                  if (el.type === 'hidden') continue;
                  const named = el.closest('label') || el.getAttribute('aria-label')
                      || (el.id && document.querySelector('label[for="' + el.id + '"]'));
                  if (!named) out.push('unlabelled ' + el.tagName + ' ' + (el.name || ''));
                }
                for (const b of document.querySelectorAll('button')) {
                  if (!(b.textContent.trim() || b.getAttribute('aria-label'))) out.push('button without a name');
                }
                const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
                const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
                const bg = (el) => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor);
                  if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3); } return [255, 255, 255]; };
                for (const el of document.querySelectorAll('main *, header *')) {
                  if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
                  const s = getComputedStyle(el); if (s.visibility === 'hidden' || s.display === 'none') continue;
                  const a = lum(rgb(s.color).slice(0, 3)), b = lum(bg(el));
                  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
                  if (ratio < 4.5) out.push('contrast ' + ratio.toFixed(2) + ' on ' + el.tagName + ' "' + el.textContent.trim().slice(0, 30) + '"');
                }
                if (!document.documentElement.lang) out.push('no lang on html');
                return out;""");
        assertThat(problems).as("accessibility of " + page).isEmpty();
    }

    void type(String name, String text) {
        List<WebElement> inAddForm = browser.findElements(By.cssSelector("#add-number [name='" + name + "']"));
        WebElement e = inAddForm.isEmpty() ? browser.findElement(By.name(name)) : inAddForm.get(0);
        e.clear();
        e.sendKeys(text);
    }

    @Test
    @Order(1)
    void signsIn() throws Exception {
        browser.get(url("/console/"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Sign in"));
        shot("01-sign-in");
        type("name", "operator");
        type("password", "wrong-password");
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "wrong name or password"));
        // by keyboard alone: the page opens with the name field focused, Tab to the password, Enter signs in
        browser.get(url("/console/"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Sign in"));
        WebElement name = browser.switchTo().activeElement();
        assertThat(name.getAttribute("name")).isEqualTo("name");
        new org.openqa.selenium.interactions.Actions(browser).sendKeys("operator", Keys.TAB, "sms-bridge-demo",
                Keys.ENTER).perform();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Overview"));
        // and around the pages: the skip link comes first, then the pages in order
        browser.findElement(By.tagName("body")).sendKeys(Keys.HOME);
        ((JavascriptExecutor) browser).executeScript("document.activeElement.blur(); window.focus();");
        new org.openqa.selenium.interactions.Actions(browser).sendKeys(Keys.TAB).perform();
        assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Skip to content");
        new org.openqa.selenium.interactions.Actions(browser).sendKeys(Keys.TAB, Keys.TAB, Keys.TAB).perform();
        assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Numbers");
        new org.openqa.selenium.interactions.Actions(browser).sendKeys(Keys.ENTER).perform();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Numbers"));
        open("#/overview", "Overview");
        assertThat(browser.findElement(By.id("who")).getText()).contains("operator", "demo mode");
        shot("02-overview");
    }

    @Test
    @Order(2)
    void addsANumberWithTwoUsers() throws Exception {
        open("#/numbers", "Numbers");
        type("number", "(555) 010-0009");
        type("display-name", "Front desk");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.name("integration"))).selectByValue("acme-sandbox");
        type("users", "101, 102");
        browser.findElement(By.xpath("//button[text()='Add number']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Number " + NEW_NUMBER + " added"));
        // the list is drawn again after the add: read it through a wait that shrugs off a replaced element
        WebDriverWait redrawn = new WebDriverWait(browser, Duration.ofSeconds(10));
        redrawn.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        String table = redrawn.until(d -> d.findElement(By.cssSelector("main table")).getText());
        assertThat(table).contains(NEW_NUMBER, "Front desk");
        assertThat(browser.findElement(By.cssSelector("input[value='101@acme.example, 102@acme.example']"))).isNotNull();
        shot("03-numbers");
    }

    @Test
    @Order(3)
    void showsASandboxRoundTripInTheConversation() throws Exception {
        String contact = "+19175550477";
        TestBridge.Response sent = bridge.postJson("/api/v1/messages", "{\"from\":\"" + NEW_NUMBER + "\",\"to\":\""
                + contact + "\",\"extension\":\"102\",\"domain\":\"acme.example\",\"content\":\"Your table is ready\"}",
                "Authorization", "Bearer " + Fixtures.API_KEY);
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        // the sandbox echoes a reply, which the sticky session gives to user 102 alone
        await().atMost(Duration.ofSeconds(10)).until(() -> bridge.eventsFrom(contact).size() == 1);
        open("#/conversations?number=" + NEW_NUMBER.replace("+", "%2B") + "&contact=" + contact.replace("+", "%2B"),
                "Conversations");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".thread li"), 2));
        List<WebElement> items = browser.findElements(By.cssSelector(".thread li"));
        assertThat(items.get(0).getText()).contains("Your table is ready", "from 102@acme.example");
        assertThat(items.get(1).getAttribute("class")).isEqualTo("inbound");
        assertThat(browser.findElement(By.id("session")).getText()).contains("102@acme.example");
        shot("04-conversation");
    }

    @Test
    @Order(4)
    void retriesACarrierFailure() throws Exception {
        TestBridge.Response sent = bridge.postJson("/api/v1/messages", "{\"from\":\"" + Fixtures.STICKY + "\",\"to\":\""
                + FAILING_CONTACT + "\",\"extension\":\"101\",\"domain\":\"acme.example\",\"content\":\"Invoice\"}",
                "Authorization", "Bearer " + Fixtures.API_KEY);
        String id = sent.json().at("/data/id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> bridge.message(id).get("status").asText().equals("failed"));
        open("#/failures", "Failures");
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//tr[td[text()='" + FAILING_CONTACT + "']]")));
        assertThat(row.getText()).contains("destination - is not allowed");
        shot("05-failures");
        // the carrier takes it now
        bridge.mock.removeStub(bridge.mock.getStubMappings().stream().filter(s -> "refuse".equals(s.getName()))
                .findFirst().orElseThrow());
        row.findElement(By.tagName("button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "queued again"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(bridge.message(id).get("status").asText())
                .as(bridge.message(id).toString()).isIn("sending", "sent", "delivered"));
        assertThat(bridge.message(id).get("provider_message_id").asText()).isEqualTo("console-ok");
        open("#/failures", "Failures");
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain(FAILING_CONTACT);
    }

    @Test
    @Order(5)
    void revokesAnApiKey() throws Exception {
        open("#/keys", "API keys");
        type("label", "console test");
        browser.findElement(By.xpath("//button[text()='Create key']")).click();
        String key = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-key-value"))).getText();
        String send = "{\"from\":\"" + NEW_NUMBER + "\",\"to\":\"+19175550488\",\"extension\":\"101\","
                + "\"domain\":\"acme.example\",\"content\":\"key check\"}";
        assertThat(bridge.postJson("/api/v1/messages", send, "Authorization", "Bearer " + key).status()).isEqualTo(202);
        shot("06-api-keys");
        String prefix = key.substring(0, 8);
        browser.findElement(By.cssSelector("button[aria-label='Revoke key " + prefix + "']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "revoked"));
        assertThat(bridge.postJson("/api/v1/messages", send, "Authorization", "Bearer " + key).status()).isEqualTo(401);
    }

    @Test
    @Order(6)
    void theOtherPagesRender() throws Exception {
        open("#/organizations", "Organizations");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("acme-didww", "closed");
        shot("07-organizations");
        open("#/audit", "Audit log");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("number.create", "api-key.revoke",
                "message.retry");
        shot("08-audit");
        open("#/overview", "Overview");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("svg.chart polyline")));
        // live: a message sent now shows up without a reload
        // the page re-renders every few seconds: read through a wait that shrugs off a replaced element
        WebDriverWait live = new WebDriverWait(browser, Duration.ofSeconds(12));
        live.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        int before = live.until(d -> Integer.parseInt(d.findElement(By.id("out-5m")).getText()));
        assertThat(bridge.postJson("/api/v1/messages", "{\"from\":\"" + NEW_NUMBER + "\",\"to\":\"+19175550499\","
                + "\"extension\":\"101\",\"domain\":\"acme.example\",\"content\":\"live\"}",
                "Authorization", "Bearer " + Fixtures.API_KEY).status()).isEqualTo(202);
        live.until(d -> Integer.parseInt(d.findElement(By.id("out-5m")).getText()) > before);
        shot("09-overview-after");
        // a phone's screen
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        open("#/numbers", "Numbers");
        shot("10-numbers-phone");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        browser.get(url("/console/api"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".opblock")));
        ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), SHOTS.resolve("11-api.png"),
                StandardCopyOption.REPLACE_EXISTING);
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("/admin/v1/organizations");
    }
}
