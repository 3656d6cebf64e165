// The card processor's card form (fragments/card.html). The card goes from the browser to the processor only:
// Stripe's element, or the simulator's tokens endpoint through the gateway. The form itself then posts nothing but
// the processor's token. Without script the token stays empty and the web app says the card could not be read.
(function () {
  'use strict';

  var stripe = null;
  var stripeCard = null;

  function elementOf(form) {
    return form.querySelector('.card-element');
  }

  // The payment form offers saved cards too: the card form counts only when "A new card" is chosen.
  function wanted(form) {
    var choice = form.querySelector('input[name=method]:checked');
    return !choice || choice.value === 'new';
  }

  function clearErrors(element) {
    element.querySelectorAll('[data-card-field]').forEach(function (input) {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
      input.closest('.field').classList.remove('invalid');
    });
    element.querySelectorAll('p.error[id$="-error"]').forEach(function (error) {
      if (error.id !== 'processorToken-error') {
        error.hidden = true;
        error.textContent = '';
      }
    });
  }

  function showError(element, field, message) {
    var input = element.querySelector('[data-card-field="' + field + '"]') || document.getElementById('card-mount');
    var error = document.getElementById((input ? input.id : 'card-mount') + '-error');
    if (input && input.hasAttribute('data-card-field')) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', input.id + '-error');
      input.closest('.field').classList.add('invalid');
    }
    if (error) {
      error.textContent = error.textContent ? error.textContent + ' ' + message : message;
      error.hidden = false;
    }
    return input;
  }

  function value(element, field) {
    var input = element.querySelector('[data-card-field="' + field + '"]');
    return input ? input.value.trim() : '';
  }

  function number(text) {
    return /^[0-9]+$/.test(text) ? parseInt(text, 10) : text;
  }

  function simulatedToken(element) {
    var body = {
      cardNumber: value(element, 'cardNumber'),
      expMonth: number(value(element, 'expMonth')),
      expYear: number(value(element, 'expYear')),
      cvc: value(element, 'cvc'),
      holderName: value(element, 'holderName')
    };
    return fetch(element.dataset.tokensUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json, application/problem+json' },
      credentials: 'omit',
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (answer) {
        if (response.ok && answer.processorToken) {
          return answer.processorToken;
        }
        var errors = (answer.errors || []).map(function (e) { return { field: e.field, message: e.message }; });
        if (errors.length === 0) {
          errors.push({ field: 'cardNumber', message: answer.detail || 'The card could not be checked.' });
        }
        throw errors;
      });
    });
  }

  // With the page's SetupIntent, Stripe confirms the card for the account's customer (3-D Secure if its bank
  // asks) and keeps it; without one (Stripe could not be asked when the page was made) it just creates it.
  function stripeToken(element) {
    var details = { card: stripeCard, billing_details: { name: value(element, 'holderName') } };
    var secret = element.dataset.setupSecret;
    var done = secret
      ? stripe.confirmCardSetup(secret, { payment_method: details }).then(function (result) {
          return result.error ? result : { id: result.setupIntent.payment_method };
        })
      : stripe.createPaymentMethod(Object.assign({ type: 'card' }, details)).then(function (result) {
          return result.error ? result : { id: result.paymentMethod.id };
        });
    return done.then(function (result) {
      if (result.error) {
        throw [{ field: 'card', message: result.error.message }];
      }
      return result.id;
    });
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    var element = elementOf(form);
    if (!element || !wanted(form) || form.dataset.tokenised === 'true') {
      return;
    }
    event.preventDefault();
    clearErrors(element);
    var button = form.querySelector('button[type=submit]');
    if (button) {
      button.disabled = true;
    }
    var token = element.dataset.processor === 'stripe' ? stripeToken(element) : simulatedToken(element);
    token.then(function (processorToken) {
      element.querySelector('input[name=processorToken]').value = processorToken;
      form.dataset.tokenised = 'true';
      form.submit();
    }).catch(function (errors) {
      var first = null;
      (Array.isArray(errors) ? errors : [{ field: 'cardNumber', message: 'The card could not be checked.' }])
        .forEach(function (error) {
          var input = showError(element, error.field, error.message);
          first = first || input;
        });
      if (first && first.focus) {
        first.focus();
      }
      if (button) {
        button.disabled = false;
      }
    });
  });

  // Stripe's element is mounted once its script is there (loaded by the page only in Stripe mode).
  document.addEventListener('DOMContentLoaded', function () {
    var element = document.querySelector('.card-element[data-processor=stripe]');
    if (element && typeof Stripe !== 'undefined') {
      stripe = Stripe(element.dataset.publishableKey);
      stripeCard = stripe.elements().create('card', { hidePostalCode: true });
      stripeCard.mount('#card-mount');
    }
  });
})();

// The bank's challenge (3-D Secure) on a pending payment's page: Stripe shows it itself; the simulated bank is
// answered with a button. Either way the page then reads the payment again until its outcome is known.
(function () {
  'use strict';

  function reloadUntilSettled(tries) {
    setTimeout(function () {
      fetch(window.location.href, { credentials: 'same-origin' }).then(function (response) {
        return response.text();
      }).then(function (html) {
        if (tries <= 0 || html.indexOf('class="bank-confirmation"') < 0) {
          window.location.reload();
        } else {
          reloadUntilSettled(tries - 1);
        }
      });
    }, 500);
  }

  function fail(section) {
    var error = section.querySelector('#bank-error');
    error.textContent = section.dataset.failedMessage || 'The confirmation did not go through. Try again.';
    error.hidden = false;
    section.querySelectorAll('button').forEach(function (b) { b.disabled = false; });
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest('.bank-confirmation button[data-bank]');
    if (!button) {
      return;
    }
    var section = button.closest('.bank-confirmation');
    section.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
    var secret = section.dataset.clientSecret;
    var done;
    if (section.dataset.processor === 'stripe') {
      done = Stripe(section.dataset.publishableKey).handleNextAction({ clientSecret: secret }).then(function (result) {
        if (result.error) {
          throw result.error;
        }
      });
    } else {
      done = fetch(section.dataset.confirmationsUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        credentials: 'omit',
        body: JSON.stringify({ clientSecret: secret, approve: button.dataset.bank === 'approve' })
      }).then(function (response) {
        if (!response.ok) {
          throw new Error('refused');
        }
      });
    }
    done.then(function () { reloadUntilSettled(20); }, function () { fail(section); });
  });
})();
